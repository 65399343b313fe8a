package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.audit.AuditRecord;
import dev.mlforge.api.audit.ListAuditRecordsResponse;
import dev.mlforge.api.audit.VerifyAuditResponse;
import dev.mlforge.api.datasets.ColumnProfile;
import dev.mlforge.api.datasets.ColumnSchema;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.ModelVersionTag;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelAlias;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.RegisteredModelTag;
import dev.mlforge.api.tracking.Dataset;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.Experiment;
import dev.mlforge.api.tracking.ExperimentTag;
import dev.mlforge.api.tracking.GetExperimentResponse;
import dev.mlforge.api.tracking.GetRunResponse;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.api.tracking.Metric;
import dev.mlforge.api.tracking.Param;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunData;
import dev.mlforge.api.tracking.RunInfo;
import dev.mlforge.api.tracking.RunInputs;
import dev.mlforge.api.tracking.RunTag;
import dev.mlforge.api.webhooks.Webhook;
import dev.mlforge.api.webhooks.WebhookEvent;
import dev.mlforge.api.webhooks.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The api-model records of each package (tracking, registry, datasets, webhooks) written by the server's one JSON mapper match
 * committed golden files in MLflow's wire format (snake_case, absent fields left out rather than null), and read
 * back to equal records. The golden files are under {@code src/test/resources/golden/wire/}.
 */
class WireGoldenTest {
    private static final String RUN_ID = "7f3c2a9b1d4e4f6a8b0c2d4e6f8a0b1c";

    @Test
    void a_run_is_written_as_mlflow_writes_get_run() throws Exception {
        GetRunResponse response = new GetRunResponse(new Run(
                new RunInfo(RUN_ID, RUN_ID, "bright-owl-42", "1", "alice", "RUNNING", 1_700_000_000_000L, null,
                        "mlflow-artifacts:/1/" + RUN_ID + "/artifacts", "active"),
                new RunData(List.of(new Metric("accuracy", 0.953, 1_700_000_005_000L, 3L)),
                        List.of(new Param("learning_rate", "0.01")), List.of(new RunTag("mlflow.user", "alice"))),
                new RunInputs(List.of(new DatasetInput(List.of(new InputTag("mlflow.data.context", "training")),
                        new Dataset("iris", "a1b2c3d4", "local", "{\"uri\": \"iris.csv\"}", null, null))))));
        assertRoundTrip("tracking_get_run.json", response, GetRunResponse.class);
    }

    @Test
    void an_experiment_is_written_as_mlflow_writes_get_experiment() throws Exception {
        GetExperimentResponse response = new GetExperimentResponse(new Experiment("1", "churn", "mlflow-artifacts:/1",
                "active", 1_700_000_000_000L, 1_700_000_000_000L, List.of(new ExperimentTag("team", "risk"))));
        assertRoundTrip("tracking_get_experiment.json", response, GetExperimentResponse.class);
    }

    @Test
    void a_registered_model_is_written_as_mlflow_writes_get_registered_model() throws Exception {
        ModelVersion latest = new ModelVersion("fraud", "2", 1_700_000_100_000L, 1_700_000_100_000L, null, "Production",
                null, "runs:/" + RUN_ID + "/model", RUN_ID, "READY", null, null, null, null);
        RegisteredModelResponse response = new RegisteredModelResponse(new RegisteredModel("fraud", 1_700_000_000_000L,
                1_700_000_100_000L, null, "card fraud classifier", List.of(latest),
                List.of(new RegisteredModelTag("team", "risk")), List.of(new RegisteredModelAlias("champion", "2"))));
        assertRoundTrip("registry_get_registered_model.json", response, RegisteredModelResponse.class);
    }

    @Test
    void a_model_version_is_written_as_mlflow_writes_get_model_version() throws Exception {
        ModelVersionResponse response = new ModelVersionResponse(new ModelVersion("fraud", "2", 1_700_000_100_000L,
                1_700_000_200_000L, "alice", "Staging", "", "mlflow-artifacts:/1/" + RUN_ID + "/artifacts/model", RUN_ID,
                "READY", null, List.of(new ModelVersionTag("validated", "true")), "http://ui/runs/" + RUN_ID,
                List.of("champion")));
        assertRoundTrip("registry_get_model_version.json", response, ModelVersionResponse.class);
    }

    @Test
    void a_dataset_version_is_written_with_its_schema_profile_and_mlflow_dataset() throws Exception {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        quantiles.put("p25", 12.36);
        quantiles.put("p50", 13.05);
        quantiles.put("p75", 13.68);
        Map<String, Long> categories = new LinkedHashMap<>();
        categories.put("1", 59L);
        categories.put("2", 71L);
        categories.put("3", 48L);
        String digest = "9f86d081884c7d659a2feaa0c55ad015";
        DatasetVersionResponse response = new DatasetVersionResponse(new DatasetVersion("wine", 1,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", digest, 178L, 10_782L,
                List.of(new ColumnSchema("alcohol", "double"), new ColumnSchema("class", "string")),
                List.of(new ColumnProfile("alcohol", "double", 178L, 0L, 0.0, 11.03, 14.83, 13.0, 0.81, quantiles, null, 126L),
                        new ColumnProfile("class", "string", 178L, 0L, 0.0, null, null, null, null, null, categories, 3L)),
                "datasets/wine/" + digest + "/wine.csv", "2026-12-03T10:15:30Z"),
                new Dataset("wine", digest, "mlforge", "{\"uri\": \"mlforge-datasets:/wine/1\"}", null, null));
        assertRoundTrip("datasets_get_version.json", response, DatasetVersionResponse.class);
    }

    @Test
    void a_webhook_is_written_as_mlflow_3_writes_get_webhook() throws Exception {
        // The golden file is MLflow 3.11's own answer (its receiver URL replaced); the secret is never part of it.
        WebhookResponse response = new WebhookResponse(new Webhook("217cfd5e-c706-4364-a96f-59e14bb87ae6", "wh-one", "first hook",
                "https://hooks.example.com/ok", List.of(new WebhookEvent("MODEL_VERSION", "CREATED"),
                        new WebhookEvent("MODEL_VERSION_ALIAS", "CREATED"), new WebhookEvent("MODEL_VERSION_ALIAS", "DELETED"),
                        new WebhookEvent("MODEL_VERSION_TAG", "DELETED"), new WebhookEvent("MODEL_VERSION_TAG", "SET"),
                        new WebhookEvent("REGISTERED_MODEL", "CREATED")),
                "ACTIVE", 1_796_338_163_850L, 1_796_338_163_850L));
        assertRoundTrip("webhooks_get_webhook.json", response, WebhookResponse.class);
    }

    @Test
    void an_audit_page_is_written_with_snake_case_fields_and_the_next_page_token() throws Exception {
        ListAuditRecordsResponse page = new ListAuditRecordsResponse(List.of(new AuditRecord(1, 1_796_337_857_757L,
                "anonymous", false, "POST /api/2.0/mlflow/experiments/create", "name=secrets", "127.0.0.1", 400,
                "INVALID_PARAMETER_VALUE", "19d8e6ed-ddcb-4ab8-b56e-f5a9e99553d4", "0".repeat(64),
                "29320c99b21e8ca7d0a1dab9362a3f518d00e4d6ab7e665f9089a39674cc07e6")), "1");
        assertRoundTrip("audit_list.json", page, ListAuditRecordsResponse.class);
    }

    @Test
    void a_broken_audit_chain_verdict_names_the_first_bad_record() throws Exception {
        assertRoundTrip("audit_verify_broken.json", new VerifyAuditResponse(false, 3, 3L,
                "Record 3 does not match its hash: it was edited"), VerifyAuditResponse.class);
    }

    /** Writes {@code record} with the server's mapper, compares it with the golden file, and reads the file back. */
    private static <T> void assertRoundTrip(String golden, T record, Class<T> type) throws IOException {
        JsonNode expected = golden(golden);
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(record));
        assertThat(written).as("%s written by the server's mapper", golden).isEqualTo(expected);
        assertThat(Json.mapper().treeToValue(expected, type)).as("%s read back", golden).isEqualTo(record);
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = WireGoldenTest.class.getResourceAsStream("/golden/wire/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}

package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/** The official MLflow Java client (2.17.2) against the registry: its read methods, and raw calls for writes. */
class MlflowJavaClientRegistryTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    String run1;
    String run2;
    MlflowClient client;

    @BeforeEach
    void start() {
        client = new MlflowClient(server.baseUrl());
        run1 = models.logModel();
        run2 = models.logModel();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void creates_models_and_versions_through_raw_posts_parsed_into_protobuf() throws Exception {
        ModelRegistry.CreateRegisteredModel.Response model = parse(client.sendPost("registered-models/create",
                "{\"name\": \"fraud\", \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}]}"),
                ModelRegistry.CreateRegisteredModel.Response.newBuilder());
        assertThat(model.getRegisteredModel().getName()).isEqualTo("fraud");
        assertThat(model.getRegisteredModel().getTags(0).getValue()).isEqualTo("risk");

        ModelRegistry.CreateModelVersion.Response version = parse(client.sendPost("model-versions/create",
                "{\"name\": \"fraud\", \"source\": \"runs:/" + run1 + "/model\", \"run_id\": \"" + run1 + "\"}"),
                ModelRegistry.CreateModelVersion.Response.newBuilder());
        assertThat(version.getModelVersion().getVersion()).isEqualTo("1");
        assertThat(version.getModelVersion().getStatus()).isEqualTo(ModelRegistry.ModelVersionStatus.READY);
        assertThat(version.getModelVersion().getCreationTimestamp()).isPositive();
    }

    @Test
    void reads_models_versions_and_latest_versions_with_the_client_methods() throws Exception {
        register("fraud", run1);
        register("fraud", run2);
        parse(client.sendPost("model-versions/transition-stage", "{\"name\": \"fraud\", \"version\": \"2\", "
                + "\"stage\": \"Staging\", \"archive_existing_versions\": false}"),
                ModelRegistry.TransitionModelVersionStage.Response.newBuilder());
        client.sendPost("registered-models/alias", "{\"name\": \"fraud\", \"alias\": \"champion\", \"version\": \"1\"}");

        ModelRegistry.RegisteredModel model = client.getRegisteredModel("fraud");
        assertThat(model.getAliasesList()).extracting(ModelRegistry.RegisteredModelAlias::getAlias).containsExactly("champion");
        assertThat(model.getLatestVersionsList()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactlyInAnyOrder("1", "2");

        ModelRegistry.ModelVersion first = client.getModelVersion("fraud", "1");
        assertThat(first.getRunId()).isEqualTo(run1);
        assertThat(first.getAliasesList()).containsExactly("champion");
        assertThat(client.getLatestVersions("fraud", List.of("Staging"))).extracting(ModelRegistry.ModelVersion::getVersion)
                .containsExactly("2");
        assertThat(client.getModelVersionDownloadUri("fraud", "2")).isEqualTo("mlflow-artifacts:/0/" + run2 + "/artifacts/model");
    }

    @Test
    void pages_through_search_model_versions() {
        for (int i = 0; i < 5; i++) {
            register("fraud", run1);
        }
        register("churn", run2);
        ModelVersionsPage page = client.searchModelVersions("name = 'fraud'", 2, List.of("version_number ASC"), null);
        assertThat(page.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("1", "2");
        assertThat(page.hasNextPage()).isTrue();
        ModelVersionsPage next = (ModelVersionsPage) page.getNextPage();
        assertThat(next.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("3", "4");
        assertThat(client.searchModelVersions("run_id = '" + run2 + "'").getItems()).extracting(ModelRegistry.ModelVersion::getName)
                .containsExactly("churn");
    }

    @Test
    void searches_registered_models_through_a_raw_get() throws Exception {
        register("fraud-a", run1);
        register("fraud-b", run1);
        register("churn", run2);
        ModelRegistry.SearchRegisteredModels.Response response = parse(client.sendGet("registered-models/search?filter="
                + MlflowRegistryApiTest.enc("name LIKE 'fraud-%'") + "&max_results=1"),
                ModelRegistry.SearchRegisteredModels.Response.newBuilder());
        assertThat(response.getRegisteredModelsList()).extracting(ModelRegistry.RegisteredModel::getName).containsExactly("fraud-a");
        assertThat(response.getNextPageToken()).isNotEmpty();
    }

    @Test
    void surfaces_mlflow_errors_as_http_exceptions() {
        assertThatThrownBy(() -> client.getRegisteredModel("absent"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                });
        client.sendPost("registered-models/create", "{\"name\": \"fraud\"}");
        assertThatThrownBy(() -> client.sendPost("model-versions/create", "{\"name\": \"fraud\", \"source\": \"file:///etc\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
                });
    }

    private void register(String name, String runId) {
        models.register(name, runId);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parse(String json, Message.Builder builder) throws Exception {
        JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        return (T) builder.build();
    }

}

package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registry answer as the running server writes it (MLflow's registered-model and model-version routes, and the
 * platform's version details, history, approval rules, transition requests and verification), compared character for
 * character with the golden files under {@code src/test/resources/golden/registry/}: field names and order, left-out
 * and explicit nulls, number formats. Times and run ids are replaced by placeholders.
 */
class RegistryWireGoldenTest {
    private static final String REQUESTS = "/api/v1/registry/transition-requests";
    private static final String VERSIONS = "/api/v1/registry/models/fraud/versions/";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels logged = new LoggedModels(server);

    private final GoldenText golden = new GoldenText().pattern("\\b[0-9a-f]{32}\\b", "run-id")
            .pattern("(?<=\"(creation_timestamp|last_updated_timestamp|timestamp|decision_timestamp)\":)\\d+", "time");

    @Test
    void mlflow_registered_model_and_model_version_routes_answer_the_golden_bodies() {
        TestHttp http = server.http();
        String run1 = logged.logModel();
        String run2 = logged.logModel();
        golden.assertMatches("registry/create_registered_model.json", http.postAs("ana", API + "registered-models/create",
                Map.of("name", "fraud", "description", "card fraud", "tags", List.of(Map.of("key", "team", "value", "risk"),
                        Map.of("key", "empty")))).ok().body());
        golden.assertMatches("registry/create_registered_model_minimal.json",
                http.post(API + "registered-models/create", Map.of("name", "plain")).ok().body());
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("name", "fraud");
        version.put("source", "runs:/" + run1 + "/model");
        version.put("run_id", run1);
        version.put("tags", List.of(Map.of("key", "stage", "value", "candidate")));
        version.put("run_link", "http://runs/1");
        version.put("description", "first");
        golden.assertMatches("registry/create_model_version.json", http.postAs("ana", API + "model-versions/create", version).ok().body());
        golden.assertMatches("registry/create_model_version_minimal.json", http.post(API + "model-versions/create",
                Map.of("name", "fraud", "source", "runs:/" + run2 + "/model")).ok().body());

        golden.assertMatches("registry/update_model_version.json", http.patch(API + "model-versions/update",
                Map.of("name", "fraud", "version", "2", "description", "second")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "registered-models/set-tag",
                Map.of("name", "fraud", "key", "owner", "value", "ana")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "model-versions/set-tag",
                Map.of("name", "fraud", "version", "1", "key", "checked", "value", "")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion", "version", "1")).ok().body());
        golden.assertMatches("registry/get_by_alias.json",
                http.get(API + "registered-models/alias?name=fraud&alias=champion").ok().body());
        golden.assertMatches("registry/transition_stage.json", http.post(API + "model-versions/transition-stage",
                Map.of("name", "fraud", "version", "1", "stage", "Staging", "archive_existing_versions", false)).ok().body());
        golden.assertMatches("registry/get_model_version.json",
                http.get(API + "model-versions/get?name=fraud&version=1").ok().body());
        golden.assertMatches("registry/update_registered_model.json", http.patch(API + "registered-models/update",
                Map.of("name", "fraud", "description", "card fraud, v2")).ok().body());
        String model = http.get(API + "registered-models/get?name=fraud").ok().body();
        golden.assertMatches("registry/get_registered_model.json", model);
        assertThat(http.get("/ajax-api/2.0/mlflow/registered-models/get?name=fraud").ok().body()).isEqualTo(model);

        golden.assertMatches("registry/search_registered_models.json",
                http.get(API + "registered-models/search").ok().body());
        golden.assertMatches("registry/search_registered_models_page.json",
                http.post(API + "registered-models/search", Map.of("max_results", 1)).ok().body());
        golden.assertMatches("registry/search_registered_models_none.json",
                http.get(API + "registered-models/search?filter=name%3D%27absent%27").ok().body());
        golden.assertMatches("registry/search_model_versions.json",
                http.get(API + "model-versions/search?filter=name%3D%27fraud%27").ok().body());
        golden.assertMatches("registry/search_model_versions_page.json",
                http.post(API + "model-versions/search", Map.of("filter", "name='fraud'", "max_results", 1)).ok().body());
        golden.assertMatches("registry/get_latest_versions.json",
                http.post(API + "registered-models/get-latest-versions", Map.of("name", "fraud")).ok().body());
        golden.assertMatches("registry/get_latest_versions_none.json", http.post(API + "registered-models/get-latest-versions",
                Map.of("name", "fraud", "stages", List.of("Production"))).ok().body());
        golden.assertMatches("registry/get_download_uri.json",
                http.get(API + "model-versions/get-download-uri?name=fraud&version=1").ok().body());

        golden.assertMatches("registry/empty.json", http.delete(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion")).ok().body());
        golden.assertMatches("registry/empty.json", http.delete(API + "registered-models/delete-tag",
                Map.of("name", "fraud", "key", "owner")).ok().body());
        golden.assertMatches("registry/empty.json", http.delete(API + "model-versions/delete-tag",
                Map.of("name", "fraud", "version", "1", "key", "checked")).ok().body());
        golden.assertMatches("registry/rename_registered_model.json", http.post(API + "registered-models/rename",
                Map.of("name", "plain", "new_name", "simple")).ok().body());
    }

    @Test
    void platform_registry_routes_answer_the_golden_bodies(@TempDir Path folder) throws Exception {
        TestHttp http = server.http();
        logged.register("fraud", logged.logModel("model", Map.of("accuracy", 0.93),
                Map.of("mlflow.source.git.commit", "4f2a9c1"), List.of()));
        String second = logged.logModel("model", Map.of("accuracy", 0.97), Map.of(), List.of());
        logged.register("fraud", second);
        Path weights = Files.writeString(folder.resolve("weights.bin"), "not a model");
        logged.registerModel("fraud", weights);

        golden.assertMatches("registry/version_details.json", http.get(VERSIONS + "1").ok().body());
        golden.assertMatches("registry/version_details_no_mlmodel.json", http.get(VERSIONS + "3").ok().body());
        golden.assertMatches("registry/verify.json", http.get(VERSIONS + "1/verify").ok().body());

        String rule = "{\"protected_stages\": [\"Production\"], \"protected_aliases\": [\"champion\"],"
                + " \"gates\": [\"metrics.accuracy >= 0.9\"], \"require_second_approver\": true}";
        golden.assertMatches("registry/approval_rule.json", http.send("PUT", "/api/v1/registry/models/fraud/approval-rule",
                "application/json", rule, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "carol:secret".getBytes(StandardCharsets.UTF_8))).ok().body());
        golden.assertMatches("registry/approval_rule.json", http.get("/api/v1/registry/models/fraud/approval-rule").ok().body());
        golden.assertMatches("registry/approval_rule_empty.json",
                http.put("/api/v1/registry/models/fraud/approval-rule", Map.of()).ok().body());
        http.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "protected_aliases", List.of("champion"), "gates", List.of("metrics.accuracy >= 0.9"))).ok();

        golden.assertMatches("registry/list_requests_none.json", http.get(REQUESTS + "?name=fraud").ok().body());
        TestHttp.Response created = http.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1",
                "stage", "Production", "archive_existing_versions", true, "comment", "ship it"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden.assertMatches("registry/request_created.json", created.body());
        String stageId = created.json().get("id").asText();
        TestHttp.Response aliasRequest = http.post(REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"));
        assertThat(aliasRequest.status()).as(aliasRequest.body()).isEqualTo(201);
        golden.assertMatches("registry/request_created_alias.json", aliasRequest.body());
        String aliasId = aliasRequest.json().get("id").asText();
        golden.assertMatches("registry/list_requests.json", http.get(REQUESTS + "?name=fraud").ok().body());
        golden.assertMatches("registry/request_approved.json",
                http.postAs("bob", REQUESTS + "/" + stageId + "/approve", Map.of("comment", "lgtm")).ok().body());
        golden.assertMatches("registry/request_rejected.json",
                http.post(REQUESTS + "/" + aliasId + "/reject", Map.of()).ok().body());
        golden.assertMatches("registry/get_request.json", http.get(REQUESTS + "/" + stageId).ok().body());

        http.post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger", "version", "1")).ok();
        http.delete(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger")).ok();
        golden.assertMatches("registry/history.json", http.get(VERSIONS + "1/history").ok().body());
        golden.assertMatches("registry/history_none.json", http.get(VERSIONS + "3/history").ok().body());

        Path model = server.dataDir().resolve("artifacts").resolve(LoggedModels.artifactRoot(second) + "/model");
        Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.delete(model.resolve("conda.yaml"));
        Files.writeString(model.resolve("backdoor.py"), "import os");
        golden.assertMatches("registry/verify_tampered.json", http.get(VERSIONS + "2/verify").ok().body());
    }
}

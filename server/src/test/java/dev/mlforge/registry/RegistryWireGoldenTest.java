package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.registry.GetLatestVersionsResponse;
import dev.mlforge.api.registry.GetModelVersionDownloadUriResponse;
import dev.mlforge.api.registry.ModelVersionDetails;
import dev.mlforge.api.registry.ModelVersionResponse;
import dev.mlforge.api.registry.RegisteredModelResponse;
import dev.mlforge.api.registry.SearchModelVersionsResponse;
import dev.mlforge.api.registry.SearchRegisteredModelsResponse;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
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
 * and explicit nulls, number formats. Times and run ids are replaced by placeholders. Each body also reads into its
 * api-model record and writes back unchanged, as the SDK reads it.
 */
class RegistryWireGoldenTest {
    private static final String REQUESTS = "/api/v1/registry/transition-requests";
    private static final String VERSIONS = "/api/v1/registry/models/fraud/versions/";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels logged = new LoggedModels(server);

    private final GoldenText golden = new GoldenText().pattern("\\b[0-9a-f]{32}\\b", "run-id")
            .pattern("(?<=\"(creation_timestamp|last_updated_timestamp|timestamp|decision_timestamp)\":)\\d+", "time");

    /** Compares {@code body} with its golden file, and checks that it reads into {@code type} and writes back unchanged. */
    private void answers(String name, Class<?> type, String body) {
        golden.assertMatches(name, body);
        GoldenText.assertReadsBack(body, type);
    }

    @Test
    void mlflow_registered_model_and_model_version_routes_answer_the_golden_bodies() {
        TestHttp http = server.http();
        String run1 = logged.logModel();
        String run2 = logged.logModel();
        answers("registry/create_registered_model.json", RegisteredModelResponse.class,
                http.postAs("ana", API + "registered-models/create",
                Map.of("name", "fraud", "description", "card fraud", "tags", List.of(Map.of("key", "team", "value", "risk"),
                        Map.of("key", "empty")))).ok().body());
        answers("registry/create_registered_model_minimal.json", RegisteredModelResponse.class,
                http.post(API + "registered-models/create", Map.of("name", "plain")).ok().body());
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("name", "fraud");
        version.put("source", "runs:/" + run1 + "/model");
        version.put("run_id", run1);
        version.put("tags", List.of(Map.of("key", "stage", "value", "candidate")));
        version.put("run_link", "http://runs/1");
        version.put("description", "first");
        answers("registry/create_model_version.json", ModelVersionResponse.class,
                http.postAs("ana", API + "model-versions/create", version).ok().body());
        answers("registry/create_model_version_minimal.json", ModelVersionResponse.class,
                http.post(API + "model-versions/create",
                Map.of("name", "fraud", "source", "runs:/" + run2 + "/model")).ok().body());

        answers("registry/update_model_version.json", ModelVersionResponse.class, http.patch(API + "model-versions/update",
                Map.of("name", "fraud", "version", "2", "description", "second")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "registered-models/set-tag",
                Map.of("name", "fraud", "key", "owner", "value", "ana")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "model-versions/set-tag",
                Map.of("name", "fraud", "version", "1", "key", "checked", "value", "")).ok().body());
        golden.assertMatches("registry/empty.json", http.post(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion", "version", "1")).ok().body());
        answers("registry/get_by_alias.json", ModelVersionResponse.class,
                http.get(API + "registered-models/alias?name=fraud&alias=champion").ok().body());
        answers("registry/transition_stage.json", ModelVersionResponse.class,
                http.post(API + "model-versions/transition-stage",
                Map.of("name", "fraud", "version", "1", "stage", "Staging", "archive_existing_versions", false)).ok().body());
        answers("registry/get_model_version.json", ModelVersionResponse.class,
                http.get(API + "model-versions/get?name=fraud&version=1").ok().body());
        answers("registry/update_registered_model.json", RegisteredModelResponse.class,
                http.patch(API + "registered-models/update",
                Map.of("name", "fraud", "description", "card fraud, v2")).ok().body());
        String model = http.get(API + "registered-models/get?name=fraud").ok().body();
        answers("registry/get_registered_model.json", RegisteredModelResponse.class, model);
        assertThat(http.get("/ajax-api/2.0/mlflow/registered-models/get?name=fraud").ok().body()).isEqualTo(model);

        answers("registry/search_registered_models.json", SearchRegisteredModelsResponse.class,
                http.get(API + "registered-models/search").ok().body());
        answers("registry/search_registered_models_page.json", SearchRegisteredModelsResponse.class,
                http.post(API + "registered-models/search", Map.of("max_results", 1)).ok().body());
        answers("registry/search_registered_models_none.json", SearchRegisteredModelsResponse.class,
                http.get(API + "registered-models/search?filter=name%3D%27absent%27").ok().body());
        answers("registry/search_model_versions.json", SearchModelVersionsResponse.class,
                http.get(API + "model-versions/search?filter=name%3D%27fraud%27").ok().body());
        answers("registry/search_model_versions_page.json", SearchModelVersionsResponse.class,
                http.post(API + "model-versions/search", Map.of("filter", "name='fraud'", "max_results", 1)).ok().body());
        answers("registry/get_latest_versions.json", GetLatestVersionsResponse.class,
                http.post(API + "registered-models/get-latest-versions", Map.of("name", "fraud")).ok().body());
        answers("registry/get_latest_versions_none.json", GetLatestVersionsResponse.class,
                http.post(API + "registered-models/get-latest-versions",
                Map.of("name", "fraud", "stages", List.of("Production"))).ok().body());
        answers("registry/get_download_uri.json", GetModelVersionDownloadUriResponse.class,
                http.get(API + "model-versions/get-download-uri?name=fraud&version=1").ok().body());

        golden.assertMatches("registry/empty.json", http.delete(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion")).ok().body());
        golden.assertMatches("registry/empty.json", http.delete(API + "registered-models/delete-tag",
                Map.of("name", "fraud", "key", "owner")).ok().body());
        golden.assertMatches("registry/empty.json", http.delete(API + "model-versions/delete-tag",
                Map.of("name", "fraud", "version", "1", "key", "checked")).ok().body());
        answers("registry/rename_registered_model.json", RegisteredModelResponse.class,
                http.post(API + "registered-models/rename",
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

        answers("registry/version_details.json", ModelVersionDetails.Response.class, http.get(VERSIONS + "1").ok().body());
        answers("registry/version_details_no_mlmodel.json", ModelVersionDetails.Response.class,
                http.get(VERSIONS + "3").ok().body());
        answers("registry/verify.json", VersionVerification.class, http.get(VERSIONS + "1/verify").ok().body());

        String rule = "{\"protected_stages\": [\"Production\"], \"protected_aliases\": [\"champion\"],"
                + " \"gates\": [\"metrics.accuracy >= 0.9\"], \"require_second_approver\": true}";
        answers("registry/approval_rule.json", ApprovalRule.class,
                http.send("PUT", "/api/v1/registry/models/fraud/approval-rule",
                "application/json", rule, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "carol:secret".getBytes(StandardCharsets.UTF_8))).ok().body());
        answers("registry/approval_rule.json", ApprovalRule.class,
                http.get("/api/v1/registry/models/fraud/approval-rule").ok().body());
        answers("registry/approval_rule_empty.json", ApprovalRule.class,
                http.put("/api/v1/registry/models/fraud/approval-rule", Map.of()).ok().body());
        http.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "protected_aliases", List.of("champion"), "gates", List.of("metrics.accuracy >= 0.9"))).ok();

        answers("registry/list_requests_none.json", TransitionRequest.Page.class,
                http.get(REQUESTS + "?name=fraud").ok().body());
        TestHttp.Response created = http.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1",
                "stage", "Production", "archive_existing_versions", true, "comment", "ship it"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        answers("registry/request_created.json", TransitionRequest.class, created.body());
        String stageId = created.json().get("id").asText();
        TestHttp.Response aliasRequest = http.post(REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"));
        assertThat(aliasRequest.status()).as(aliasRequest.body()).isEqualTo(201);
        answers("registry/request_created_alias.json", TransitionRequest.class, aliasRequest.body());
        String aliasId = aliasRequest.json().get("id").asText();
        answers("registry/list_requests.json", TransitionRequest.Page.class, http.get(REQUESTS + "?name=fraud").ok().body());
        answers("registry/request_approved.json", TransitionRequest.class,
                http.postAs("bob", REQUESTS + "/" + stageId + "/approve", Map.of("comment", "lgtm")).ok().body());
        answers("registry/request_rejected.json", TransitionRequest.class,
                http.post(REQUESTS + "/" + aliasId + "/reject", Map.of()).ok().body());
        answers("registry/get_request.json", TransitionRequest.class, http.get(REQUESTS + "/" + stageId).ok().body());

        http.post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger", "version", "1")).ok();
        http.delete(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger")).ok();
        answers("registry/history.json", VersionHistory.class, http.get(VERSIONS + "1/history").ok().body());
        answers("registry/history_none.json", VersionHistory.class, http.get(VERSIONS + "3/history").ok().body());

        Path model = server.dataDir().resolve("artifacts").resolve(LoggedModels.artifactRoot(second) + "/model");
        Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.delete(model.resolve("conda.yaml"));
        Files.writeString(model.resolve("backdoor.py"), "import os");
        answers("registry/verify_tampered.json", VersionVerification.class, http.get(VERSIONS + "2/verify").ok().body());
    }

    @Test
    void version_details_keep_the_mlmodel_nulls_and_numbers_at_every_depth(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("MLmodel"), """
                artifact_path: model
                flavors:
                  custom:
                    loader: null
                    steps:
                    - {name: scale, factor: 1.50, options: null}
                    - [1, null, 12345678901234567890, 1.0e20, -0.0, true]
                    nested: {a: {b: null, c: []}, d: {}}
                signature:
                  inputs: '[{"type": "double", "name": "x", "required": true}, {"type": "string", "name": null}]'
                  outputs: '[{"type": "long"}]'
                  params: '[{"name": "k", "type": "long", "default": 5, "shape": null}]'
                """);
        Files.writeString(folder.resolve("weights.bin"), "weights");
        logged.registerModel("custom", folder);
        answers("registry/version_details_nested_nulls.json", ModelVersionDetails.Response.class,
                server.http().get("/api/v1/registry/models/custom/versions/1").ok().body());
    }
}

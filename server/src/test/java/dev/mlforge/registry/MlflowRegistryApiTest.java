package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MlflowRegistryApiTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    String run1;
    String run2;

    @BeforeEach
    void start() {
    }

    @Test
    void creates_and_gets_a_registered_model_with_tags_and_description() {
        JsonNode created = server.http().post(API + "registered-models/create", Map.of("name", "fraud", "description", "scores fraud",
                "tags", List.of(Map.of("key", "team", "value", "risk")))).ok().json().get("registered_model");
        assertThat(created.get("name").asText()).isEqualTo("fraud");
        assertThat(created.get("creation_timestamp").asLong()).isPositive();
        assertThat(created.get("last_updated_timestamp").asLong()).isEqualTo(created.get("creation_timestamp").asLong());

        JsonNode got = server.http().get(API + "registered-models/get?name=fraud").ok().json().get("registered_model");
        assertThat(got.get("description").asText()).isEqualTo("scores fraud");
        assertThat(got.at("/tags/0/key").asText()).isEqualTo("team");
        assertThat(got.at("/tags/0/value").asText()).isEqualTo("risk");
    }

    @Test
    void refuses_a_duplicate_model_name_with_400_resource_already_exists() {
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        TestHttp.Response duplicate = server.http().post(API + "registered-models/create", Map.of("name", "fraud"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void answers_404_resource_does_not_exist_for_unknown_models_and_versions() {
        TestHttp.Response model = server.http().get(API + "registered-models/get?name=nope");
        assertThat(model.status()).isEqualTo(404);
        assertThat(model.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(model.json().get("message").asText()).contains("nope");
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=7").status()).isEqualTo(404);
    }

    @Test
    void missing_required_fields_give_invalid_parameter_value() {
        TestHttp.Response response = server.http().post(API + "registered-models/create", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText()).contains("'name'");
        assertThat(server.http().get(API + "model-versions/get?name=x&version=abc").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void renames_a_model_and_its_versions_follow() {
        run1 = models.logModel();
        models.register("old", run1);
        JsonNode renamed = server.http().post(API + "registered-models/rename", Map.of("name", "old", "new_name", "new")).ok()
                .json().get("registered_model");
        assertThat(renamed.get("name").asText()).isEqualTo("new");
        assertThat(server.http().get(API + "model-versions/get?name=new&version=1").ok().json().at("/model_version/name").asText())
                .isEqualTo("new");
        assertThat(server.http().get(API + "registered-models/get?name=old").status()).isEqualTo(404);
    }

    @Test
    void updates_descriptions_with_patch() {
        run1 = models.logModel();
        models.register("fraud", run1);
        server.http().patch(API + "registered-models/update", Map.of("name", "fraud", "description", "v2 desc")).ok();
        server.http().patch(API + "model-versions/update", Map.of("name", "fraud", "version", "1", "description", "first")).ok();
        assertThat(server.http().get(API + "registered-models/get?name=fraud").json().at("/registered_model/description").asText())
                .isEqualTo("v2 desc");
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").json().at("/model_version/description").asText())
                .isEqualTo("first");
    }

    @Test
    void deleting_a_model_cascades_to_versions_tags_and_aliases() {
        run1 = models.logModel();
        models.register("fraud", run1);
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        server.http().delete(API + "registered-models/delete", Map.of("name", "fraud")).ok();
        assertThat(server.http().get(API + "registered-models/get?name=fraud").status()).isEqualTo(404);
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").status()).isEqualTo(404);
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=champion").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void creates_numbered_ready_versions_from_a_runs_uri() {
        run1 = models.logModel();
        run2 = models.logModel();
        models.register("fraud", run1);
        JsonNode second = server.http().post(API + "model-versions/create", Map.of("name", "fraud", "source", "runs:/" + run2 + "/model",
                "run_link", "http://ui/" + run2, "tags", List.of(Map.of("key", "k", "value", "v")))).ok().json().get("model_version");
        assertThat(second.get("version").asText()).isEqualTo("2");
        assertThat(second.get("status").asText()).isEqualTo("READY");
        assertThat(second.get("current_stage").asText()).isEqualTo("None");
        assertThat(second.get("run_id").asText()).isEqualTo(run2);
        assertThat(second.get("source").asText()).isEqualTo("runs:/" + run2 + "/model");
        assertThat(second.get("run_link").asText()).isEqualTo("http://ui/" + run2);
        assertThat(second.at("/tags/0/key").asText()).isEqualTo("k");
    }

    @Test
    void accepts_an_mlflow_artifacts_source_and_gives_its_download_uri() {
        run1 = models.logModel();
        String source = "mlflow-artifacts:/0/" + run1 + "/artifacts/model";
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        server.http().post(API + "model-versions/create", Map.of("name", "fraud", "source", source)).ok();
        assertThat(server.http().get(API + "model-versions/get-download-uri?name=fraud&version=1").ok().json().get("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/0/" + run1 + "/artifacts/model");
    }

    @Test
    void accepts_a_file_uri_inside_the_artifact_store() {
        run1 = models.logModel();
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        String inside = server.dataDir().resolve("artifacts").resolve("0/" + run1 + "/artifacts/model").toUri().toString();
        assertThat(server.http().post(API + "model-versions/create", Map.of("name", "fraud", "source", inside)).status()).isEqualTo(200);
    }

    @Test
    void refuses_every_source_outside_the_artifact_store() {
        run1 = models.logModel();
        server.http().post(API + "registered-models/create", Map.of("name", "fraud")).ok();
        List<String> sources = List.of("runs:/" + run1 + "/../../../etc", "mlflow-artifacts:/../../etc/passwd", "file:///etc",
                "file:///etc/passwd", "/etc/passwd", "model", "s3://x/../../etc", "https://host/%2e%2e/%2e%2e/etc",
                "mlflow-artifacts:/1/" + run1 + "/%2e%2e/%2e%2e/%2e%2e/etc", "mlflow-artifacts:/1/%252e%252e/%252e%252e/etc",
                "runs:/" + run1 + "/..%2F..%2F..%2Fetc", "file://otherhost/data/model",
                server.dataDir().resolve("artifacts").resolve("../outside").toString(), "runs:/unknown-run/model",
                "mlflow-artifacts:/");
        List<String> accepted = new ArrayList<>();
        for (String source : sources) {
            TestHttp.Response response = server.http().post(API + "model-versions/create",
                    Map.of("name", "fraud", "source", source));
            if (response.status() != 400 || !response.errorCode().equals("INVALID_PARAMETER_VALUE")) {
                accepted.add(source + " -> " + response.status() + " " + response.body());
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(server.http().post(API + "registered-models/search", Map.of()).json().at("/registered_models/0/latest_versions").isMissingNode())
                .isTrue();
    }

    @Test
    void transitions_stages_and_archives_existing_versions_when_asked() {
        run1 = models.logModel();
        for (int i = 0; i < 3; i++) {
            models.register("fraud", run1);
        }
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1", "stage", "production",
                "archive_existing_versions", false)).ok();
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "2", "stage", "Production",
                "archive_existing_versions", false)).ok();
        JsonNode third = server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "3",
                "stage", "PRODUCTION", "archive_existing_versions", true)).ok().json().get("model_version");
        assertThat(third.get("current_stage").asText()).isEqualTo("Production");
        assertThat(stageOf("1")).isEqualTo("Archived");
        assertThat(stageOf("2")).isEqualTo("Archived");
    }

    @Test
    void refuses_an_unknown_stage_and_a_missing_archive_flag() {
        run1 = models.logModel();
        models.register("fraud", run1);
        assertThat(server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1", "stage", "Prod",
                "archive_existing_versions", false)).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1",
                "stage", "Staging")).json().get("message").asText()).contains("archive_existing_versions");
    }

    @Test
    void get_latest_versions_returns_the_newest_version_per_stage() {
        run1 = models.logModel();
        for (int i = 0; i < 4; i++) {
            models.register("fraud", run1);
        }
        transition("1", "Staging");
        transition("2", "Staging");
        transition("3", "Production");
        JsonNode all = server.http().post(API + "registered-models/get-latest-versions", Map.of("name", "fraud")).ok().json();
        assertThat(all.get("model_versions")).extracting(v -> v.get("version").asText() + ":" + v.get("current_stage").asText())
                .containsExactlyInAnyOrder("4:None", "2:Staging", "3:Production");
        JsonNode staging = server.http().get(API + "registered-models/get-latest-versions?name=fraud&stages=staging").ok().json();
        assertThat(staging.get("model_versions")).extracting(v -> v.get("version").asText()).containsExactly("2");
    }

    @Test
    void sets_gets_moves_and_deletes_aliases() {
        run1 = models.logModel();
        models.register("fraud", run1);
        models.register("fraud", run1);
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "1")).ok();
        server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion", "version", "2")).ok();
        JsonNode byAlias = server.http().get(API + "registered-models/alias?name=fraud&alias=champion").ok().json().get("model_version");
        assertThat(byAlias.get("version").asText()).isEqualTo("2");
        assertThat(byAlias.get("aliases")).extracting(JsonNode::asText).containsExactly("champion");
        JsonNode model = server.http().get(API + "registered-models/get?name=fraud").json().get("registered_model");
        assertThat(model.at("/aliases/0/alias").asText()).isEqualTo("champion");
        assertThat(model.at("/aliases/0/version").asText()).isEqualTo("2");
        server.http().delete(API + "registered-models/alias", Map.of("name", "fraud", "alias", "champion")).ok();
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=champion").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=latest").ok().json()
                .at("/model_version/version").asText()).as("MLflow's reserved alias reads the newest version").isEqualTo("2");
        assertThat(server.http().get(API + "registered-models/alias?name=nobody&alias=champion").errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void refuses_invalid_alias_names() {
        run1 = models.logModel();
        models.register("fraud", run1);
        for (String alias : List.of("v1", "V12", "latest", "LATEST", "with space", "a/b")) {
            assertThat(server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", alias, "version", "1"))
                    .errorCode()).as(alias).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        assertThat(server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "ok", "version", "9"))
                .status()).isEqualTo(404);
    }

    @Test
    void sets_and_deletes_model_and_version_tags() {
        run1 = models.logModel();
        models.register("fraud", run1);
        server.http().post(API + "registered-models/set-tag", Map.of("name", "fraud", "key", "team", "value", "risk")).ok();
        server.http().post(API + "model-versions/set-tag", Map.of("name", "fraud", "version", "1", "key", "validated", "value", "yes")).ok();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").json().at("/model_version/tags/0/value").asText())
                .isEqualTo("yes");
        server.http().delete(API + "registered-models/delete-tag", Map.of("name", "fraud", "key", "team")).ok();
        server.http().delete(API + "model-versions/delete-tag", Map.of("name", "fraud", "version", "1", "key", "validated")).ok();
        assertThat(server.http().get(API + "registered-models/get?name=fraud").json().at("/registered_model/tags").isMissingNode()).isTrue();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").json().at("/model_version/tags").isMissingNode()).isTrue();
        assertThat(server.http().post(API + "registered-models/set-tag", Map.of("name", "fraud", "key", "../x", "value", "v"))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void deleted_version_numbers_are_not_reused() {
        run1 = models.logModel();
        models.register("fraud", run1);
        models.register("fraud", run1);
        server.http().delete(API + "model-versions/delete", Map.of("name", "fraud", "version", "2")).ok();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=2").status()).isEqualTo(404);
        assertThat(models.register("fraud", run1)).isEqualTo("3");
    }

    @Test
    void searches_models_by_name_like_ilike_and_tags_with_pagination() {
        for (String name : List.of("fraud-a", "fraud-b", "Fraud-c", "churn")) {
            server.http().post(API + "registered-models/create", Map.of("name", name,
                    "tags", List.of(Map.of("key", "team", "value", name.startsWith("churn") ? "growth" : "risk")))).ok();
        }
        assertThat(names(server.http().get(API + "registered-models/search?filter=" + enc("name LIKE 'fraud%'")), "registered_models"))
                .containsExactly("fraud-a", "fraud-b");
        assertThat(names(server.http().get(API + "registered-models/search?filter=" + enc("name ILIKE 'fraud%'")), "registered_models"))
                .containsExactlyInAnyOrder("fraud-a", "fraud-b", "Fraud-c");
        assertThat(names(server.http().get(API + "registered-models/search?filter=" + enc("tags.team = 'growth'")), "registered_models"))
                .containsExactly("churn");
        assertThat(names(server.http().get(API + "registered-models/search?filter=" + enc("name = 'fraud-b'")), "registered_models"))
                .containsExactly("fraud-b");

        TestHttp.Response first = server.http().get(API + "registered-models/search?max_results=3&order_by=" + enc("name DESC"));
        assertThat(names(first, "registered_models")).containsExactly("fraud-b", "fraud-a", "churn");
        String token = first.json().get("next_page_token").asText();
        TestHttp.Response second = server.http().get(API + "registered-models/search?max_results=3&order_by="
                + enc("name DESC") + "&page_token=" + enc(token));
        assertThat(names(second, "registered_models")).containsExactly("Fraud-c");
        assertThat(second.json().has("next_page_token")).isFalse();
    }

    @Test
    void refuses_malformed_searches() {
        for (String query : List.of("filter=" + enc("name LIKE fraud"), "filter=" + enc("foo = 'x'"),
                "filter=" + enc("name = 'a' OR name = 'b'"), "filter=" + enc("name > 'a'"), "max_results=1001",
                "order_by=" + enc("bogus ASC"), "page_token=notatoken")) {
            assertThat(server.http().get(API + "registered-models/search?" + query).errorCode()).as(query)
                    .isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    @Test
    void searches_versions_by_name_run_id_version_and_tags() {
        run1 = models.logModel();
        run2 = models.logModel();
        models.register("fraud", run1);
        models.register("fraud", run2);
        models.register("churn", run2);
        server.http().post(API + "model-versions/set-tag", Map.of("name", "fraud", "version", "2", "key", "gold", "value", "true")).ok();
        assertThat(versions(API + "model-versions/search?filter=" + enc("name = 'fraud'"))).containsExactly("fraud/2", "fraud/1");
        assertThat(versions(API + "model-versions/search?filter=" + enc("run_id = '" + run2 + "'"))).containsExactly("churn/1", "fraud/2");
        assertThat(versions(API + "model-versions/search?filter=" + enc("run_id IN ('" + run1 + "', '" + run2 + "') AND name = 'fraud'")))
                .containsExactly("fraud/2", "fraud/1");
        assertThat(versions(API + "model-versions/search?filter=" + enc("name='fraud' AND version_number > 1")))
                .containsExactly("fraud/2");
        assertThat(versions(API + "model-versions/search?filter=" + enc("tags.gold = 'true'"))).containsExactly("fraud/2");
        assertThat(versions(API + "model-versions/search?filter=" + enc("source_path LIKE 'runs:/" + run1 + "/%'")))
                .containsExactly("fraud/1");
        assertThat(versions(API + "model-versions/search")).containsExactly("churn/1", "fraud/2", "fraud/1");
        assertThat(versions(API + "model-versions/search?max_results=2&order_by=" + enc("name DESC")))
                .containsExactly("fraud/2", "fraud/1");
        assertThat(versions(API + "model-versions/search?order_by=" + enc("version_number DESC")
                + "&order_by=" + enc("name DESC"))).containsExactly("fraud/2", "fraud/1", "churn/1");
    }

    @Test
    void serves_the_ajax_prefix_and_the_ui_artifact_route() {
        run1 = models.logModel();
        models.register("fraud", run1);
        assertThat(server.http().get("/ajax-api/2.0/mlflow/registered-models/get?name=fraud").status()).isEqualTo(200);
        TestHttp.Response mlmodel = server.http().get("/model-versions/get-artifact?name=fraud&version=1&path=MLmodel");
        assertThat(mlmodel.status()).isEqualTo(200);
        assertThat(mlmodel.body()).contains("loader_module: mlflow.onnx");
        assertThat(server.http().get("/ajax-api/2.0/mlflow/model-versions/get-artifact?name=fraud&version=1&path=conda.yaml").body())
                .contains("mlflow==2.17.2");
        assertThat(server.http().get("/model-versions/get-artifact?name=fraud&version=1&path=../../../../etc/passwd").status())
                .isEqualTo(400);
        assertThat(server.http().get("/model-versions/get-artifact?name=fraud&version=1&path=absent.txt").status()).isEqualTo(404);
    }

    private String stageOf(String version) {
        return server.http().get(API + "model-versions/get?name=fraud&version=" + version).json().at("/model_version/current_stage").asText();
    }

    private void transition(String version, String stage) {
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", version, "stage", stage,
                "archive_existing_versions", false)).ok();
    }

    private List<String> versions(String path) {
        List<String> result = new ArrayList<>();
        server.http().get(path).ok().json().path("model_versions")
                .forEach(v -> result.add(v.get("name").asText() + "/" + v.get("version").asText()));
        return result;
    }

    private static List<String> names(TestHttp.Response response, String field) {
        List<String> result = new ArrayList<>();
        response.ok().json().path(field).forEach(model -> result.add(model.get("name").asText()));
        return result;
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static dev.mlforge.registry.MlflowRegistryApiTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL migration and the dialect-specific SQL (LIKE, ILIKE, generated keys) on a real PostgreSQL. */
class RegistryOnPostgresTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.postgres();
    final LoggedModels models = new LoggedModels(server);
    String run1;

    @BeforeEach
    void start() {
        run1 = models.logModel("model", Map.of("accuracy", 0.95), Map.of(),
                List.of(new DatasetRef("train", "d1g3st", "training")));
    }

    @Test
    void runs_the_registry_lifecycle_on_postgresql() {
        models.register("Fraud-A", run1);
        models.register("Fraud-A", run1);
        models.register("fraud-b", run1);
        server.http().post(API + "registered-models/set-tag", Map.of("name", "fraud-b", "key", "team", "value", "risk")).ok();
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "Fraud-A", "version", "1", "stage", "Production",
                "archive_existing_versions", false)).ok();
        server.http().post(API + "model-versions/transition-stage", Map.of("name", "Fraud-A", "version", "2", "stage", "Production",
                "archive_existing_versions", true)).ok();
        server.http().post(API + "registered-models/alias", Map.of("name", "Fraud-A", "alias", "champion", "version", "2")).ok();

        assertThat(names("name LIKE 'fraud%'")).containsExactly("fraud-b");
        assertThat(names("name ILIKE 'fraud%'")).containsExactly("Fraud-A", "fraud-b");
        assertThat(names("tags.team = 'risk'")).containsExactly("fraud-b");
        JsonNode model = server.http().get(API + "registered-models/get?name=Fraud-A").ok().json().get("registered_model");
        assertThat(model.at("/aliases/0/version").asText()).isEqualTo("2");
        assertThat(server.http().get(API + "model-versions/get?name=Fraud-A&version=1").json().at("/model_version/current_stage").asText())
                .isEqualTo("Archived");
        assertThat(server.http().get(API + "model-versions/search?filter=" + enc("name = 'Fraud-A' AND version_number IN (2)"))
                .ok().json().get("model_versions")).hasSize(1);
        assertThat(server.http().get("/api/v1/registry/models/Fraud-A/versions/1/history").ok().json().get("events")).hasSize(2);
        assertThat(server.http().get("/api/v1/lineage?dataset_digest=d1g3st").ok().json().get("nodes")).hasSize(5);
    }

    @Test
    void runs_the_approval_workflow_on_postgresql() {
        models.register("fraud", run1);
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "gates", List.of("metrics.accuracy > 0.9"))).ok();
        String id = server.http().postAs("alice", "/api/v1/registry/transition-requests", Map.of("name", "fraud", "version", "1",
                "stage", "Production")).ok().json().get("id").asText();
        server.http().postAs("bob", "/api/v1/registry/transition-requests/" + id + "/approve", Map.of()).ok();
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").json().at("/model_version/current_stage").asText())
                .isEqualTo("Production");
        assertThat(server.http().get("/api/v1/registry/transition-requests/" + id).ok().json().get("decision_timestamp").asLong())
                .isPositive();
    }

    @Test
    void registry_searches_treat_prompts_as_mlflow_3_11_does_on_postgresql() {
        MlflowThreeGolden.createSearchEntities(server);
        assertThat(MlflowThreeGolden.searchDifferences(server)).isEmpty();
    }

    @Test
    void the_3_11_clients_prompt_requests_get_mlflows_answers_on_postgresql() {
        assertThat(MlflowThreeGolden.promptDifferences(server)).isEmpty();
    }

    @Test
    void registers_a_version_before_its_files_on_postgresql() {
        String run = server.http().post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        server.http().post(API + "registered-models/create", Map.of("name", "late")).ok();
        server.http().post(API + "model-versions/create", Map.of("name", "late", "source", "runs:/" + run + "/model")).ok();
        assertThat(server.http().get("/api/v1/registry/models/late/versions/1/verify").ok().json().get("files_present").asBoolean())
                .isFalse();
        models.upload(LoggedModels.irisOnnxDirectory(), LoggedModels.artifactRoot(run) + "/model");
        JsonNode report = server.http().get("/api/v1/registry/models/late/versions/1/verify").ok().json();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("files_recorded").asInt()).isEqualTo(5);
    }

    private List<String> names(String filter) {
        List<String> names = new ArrayList<>();
        server.http().get(API + "registered-models/search?filter=" + enc(filter)).ok().json().path("registered_models")
                .forEach(model -> names.add(model.get("name").asText()));
        return names;
    }
}

package dev.mlforge.registry;

import static dev.mlforge.registry.RegistryTestServer.API;
import static dev.mlforge.registry.MlflowRegistryApiTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL migration and the dialect-specific SQL (LIKE, ILIKE, generated keys) on a real PostgreSQL. */
class RegistryOnPostgresTest {
    static EmbeddedPostgres postgres;

    @TempDir
    Path tmp;
    RegistryTestServer server;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void start() {
        String database = "registry_" + Long.toHexString(System.nanoTime());
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        server = new RegistryTestServer(tmp, postgres.getJdbcUrl("postgres", database));
        server.logModel("run1", "model", Map.of("accuracy", 0.95), Map.of(),
                List.of(new DatasetRef("train", "d1g3st", "training")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runs_the_registry_lifecycle_on_postgresql() {
        server.register("Fraud-A", "run1");
        server.register("Fraud-A", "run1");
        server.register("fraud-b", "run1");
        server.post(API + "registered-models/set-tag", Map.of("name", "fraud-b", "key", "team", "value", "risk")).ok();
        server.post(API + "model-versions/transition-stage", Map.of("name", "Fraud-A", "version", "1", "stage", "Production",
                "archive_existing_versions", false)).ok();
        server.post(API + "model-versions/transition-stage", Map.of("name", "Fraud-A", "version", "2", "stage", "Production",
                "archive_existing_versions", true)).ok();
        server.post(API + "registered-models/alias", Map.of("name", "Fraud-A", "alias", "champion", "version", "2")).ok();

        assertThat(names("name LIKE 'fraud%'")).containsExactly("fraud-b");
        assertThat(names("name ILIKE 'fraud%'")).containsExactly("Fraud-A", "fraud-b");
        assertThat(names("tags.team = 'risk'")).containsExactly("fraud-b");
        JsonNode model = server.get(API + "registered-models/get?name=Fraud-A").ok().body().get("registered_model");
        assertThat(model.at("/aliases/0/version").asText()).isEqualTo("2");
        assertThat(server.get(API + "model-versions/get?name=Fraud-A&version=1").body().at("/model_version/current_stage").asText())
                .isEqualTo("Archived");
        assertThat(server.get(API + "model-versions/search?filter=" + enc("name = 'Fraud-A' AND version_number IN (2)"))
                .ok().body().get("model_versions")).hasSize(1);
        assertThat(server.get("/api/v1/registry/models/Fraud-A/versions/1/history").ok().body().get("events")).hasSize(2);
        assertThat(server.get("/api/v1/lineage?dataset_digest=d1g3st").ok().body().get("nodes")).hasSize(5);
    }

    @Test
    void runs_the_approval_workflow_on_postgresql() {
        server.register("fraud", "run1");
        server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "gates", List.of("metrics.accuracy > 0.9"))).ok();
        String id = server.postAs("alice", "/api/v1/registry/transition-requests", Map.of("name", "fraud", "version", "1",
                "stage", "Production")).ok().body().get("id").asText();
        server.postAs("bob", "/api/v1/registry/transition-requests/" + id + "/approve", Map.of()).ok();
        assertThat(server.get(API + "model-versions/get?name=fraud&version=1").body().at("/model_version/current_stage").asText())
                .isEqualTo("Production");
        assertThat(server.get("/api/v1/registry/transition-requests/" + id).ok().body().get("decision_timestamp").asLong())
                .isPositive();
    }

    private List<String> names(String filter) {
        List<String> names = new ArrayList<>();
        server.get(API + "registered-models/search?filter=" + enc(filter)).ok().body().path("registered_models")
                .forEach(model -> names.add(model.get("name").asText()));
        return names;
    }
}

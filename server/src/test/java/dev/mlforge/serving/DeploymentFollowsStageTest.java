package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a single server (SQLite, in-process bus, no deployment-sync poll) deployments of stage and {@code latest} URIs
 * follow stage transitions, deletions and new versions at once, as deployments of an alias follow its moves.
 */
class DeploymentFollowsStageTest {
    private static final String ROW = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
            + " \"data\": [6.2, 2.8, 4.8, 1.8]}]}";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    @BeforeEach
    void start() {
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("iris", TestModels.irisMlflow());
        http = server.http();
    }

    private String versionAnswering() {
        TestHttp.Response response = http.post("/v2/models/fraud/infer", ROW);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("model_version").asText();
    }

    private void transition(String version, String stage, boolean archiveExisting) {
        http.post(LoggedModels.API + "model-versions/transition-stage", "{\"name\": \"iris\", \"version\": \"" + version
                + "\", \"stage\": \"" + stage + "\", \"archive_existing_versions\": " + archiveExisting + "}").ok();
    }

    private void awaitServed(String version) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(versionAnswering()).isEqualTo(version));
        assertThat(http.get("/api/v1/deployments/fraud").ok().json().at("/deployment/versions/primary").asText())
                .isEqualTo(version);
    }

    @Test
    void a_production_deployment_follows_a_version_transitioned_into_the_stage() {
        transition("1", "Production", true);
        models.deploy("fraud", "models:/iris/Production").ok();
        assertThat(versionAnswering()).isEqualTo("1");

        transition("2", "Production", true);

        awaitServed("2");
        transition("1", "Production", true);
        awaitServed("1");
    }

    @Test
    void a_staging_deployment_follows_the_stage_when_its_version_leaves_it_or_is_deleted() {
        transition("1", "Staging", false);
        models.deploy("fraud", "models:/iris/Staging").ok();
        transition("2", "Staging", false);
        awaitServed("2");

        transition("2", "Archived", false);
        awaitServed("1");
        transition("2", "Staging", false);
        awaitServed("2");

        http.delete(LoggedModels.API + "model-versions/delete", "{\"name\": \"iris\", \"version\": \"2\"}").ok();
        awaitServed("1");
    }

    @Test
    void a_latest_deployment_follows_a_new_version_and_a_deleted_one() {
        models.deploy("fraud", "models:/iris/latest").ok();
        assertThat(versionAnswering()).isEqualTo("2");

        models.registerModel("iris", TestModels.irisOnnx());
        awaitServed("3");

        http.delete(LoggedModels.API + "model-versions/delete", "{\"name\": \"iris\", \"version\": \"3\"}").ok();
        awaitServed("2");
    }
}

package dev.mlforge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one PostgreSQL, each with its own artifact folder: a deployment created on B cannot load on A while
 * A's folder lacks the model's files (an artifact store that has not caught up, a storage hiccup). Once the files are
 * there, A serves the deployment by itself: its deployment sync tries the failed load again, although nothing in the
 * store changed since.
 */
class DeploymentLoadRetryOnPostgresTest {
    private static final String DATABASE = TestDatabases.newPostgresDatabase();

    @RegisterExtension
    final ApplicationExtension a = ApplicationExtension.sqlite().startOnFirstUse().withConfig("backend-store-uri", dir -> DATABASE);
    @RegisterExtension
    final ApplicationExtension b = ApplicationExtension.sqlite().startOnFirstUse().withConfig("backend-store-uri", dir -> DATABASE);

    @Test
    void a_deployment_that_failed_to_load_on_one_replica_loads_there_once_its_files_can_be_read() throws Exception {
        TestHttp onA = a.http();
        TestHttp onB = b.http();
        ReplicasTest.registerIris(onB);
        assertThat(onB.post("/api/v1/deployments", Map.of("name", "fraud", "model_uri", "models:/iris/1")).status()).isBetween(200, 201);
        assertThat(ReplicasTest.versionAnswering(onB, "fraud")).isEqualTo("1");

        // A learns of the deployment at its next poll of the store: until then it answers 404
        await().atMost(Duration.ofSeconds(10)).until(() -> onA.get("/api/v1/deployments/fraud").status() == 200
                && !loadError(onA).isEmpty());
        assertThat(onA.post("/v2/models/fraud/infer", ReplicasTest.ROW).status()).isEqualTo(503);
        Thread.sleep(1_000); // several polls with nothing changed in the store: the deployment stays unloaded on A
        assertThat(onA.post("/v2/models/fraud/infer", ReplicasTest.ROW).status()).isEqualTo(503);

        copyTree(b.dataDir().resolve("artifacts"), a.dataDir().resolve("artifacts"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ReplicasTest.versionAnswering(onA, "fraud").equals("1"));
        assertThat(loadError(onA)).isEmpty();
    }

    /** Why the deployment's models failed to load on that server ("" when they did not fail). */
    private static String loadError(TestHttp http) {
        JsonNode error = http.get("/api/v1/deployments/fraud").ok().json().at("/deployment/error");
        return error.isTextual() ? error.textValue() : "";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else if (!Files.exists(target)) {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

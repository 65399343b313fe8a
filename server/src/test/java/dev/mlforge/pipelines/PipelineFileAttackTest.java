package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local-file-read probe against {@code POST /api/v1/pipelines/runs}: a pipeline submitted over HTTP may only read
 * files inside {@code pipelines.base-dir}; every way out is refused with 400 before the run is accepted, and nothing of
 * the files outside (content or shape) appears in any answer, including the run list afterwards.
 */
class PipelineFileAttackTest {
    private static final String SECRET = "secret_column_7f3a,other_secret_9b1c";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse()
            .withConfig("pipelines.base-dir", dataDir -> dataDir.resolve("root").toString());
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(server.dataDir().resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(root.resolve("data.csv"), "a,b\n1,2\n3,4\n");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(outside.resolve("secret.csv"), SECRET + "\n1,2\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.csv"), outside.resolve("secret.csv"));
    }

    private static String load(String path) {
        return "name: probe\nsteps:\n  - {name: load, uses: load, with: {path: '" + path + "'}}\n";
    }

    @Test
    void every_way_out_of_the_pipelines_folder_is_refused_before_the_run_starts() throws Exception {
        Map<String, Map<String, Object>> attacks = new LinkedHashMap<>();
        attacks.put("absolute path", submission(load("/etc/os-release"), null));
        attacks.put("absolute path, passwd", submission(load("/etc/passwd"), null));
        attacks.put("base_dir /", submission(load("etc/os-release"), "/"));
        attacks.put("base_dir outside", submission(load("secret.csv"), outside.toString()));
        attacks.put("base_dir ..", submission(load("secret.csv"), "../outside"));
        attacks.put("dot-dot", submission(load("../outside/secret.csv"), null));
        attacks.put("dot-dot from a sub folder", submission(load("../../outside/secret.csv"), "sub"));
        attacks.put("percent-encoded dot-dot", submission(load("%2e%2e/outside/secret.csv"), null));
        attacks.put("double-encoded dot-dot", submission(load("%252e%252e/outside/secret.csv"), null));
        attacks.put("encoded separator", submission(load("..%2foutside%2fsecret.csv"), null));
        attacks.put("symlinked folder", submission(load("escape/secret.csv"), null));
        attacks.put("symlinked file", submission(load("secret-link.csv"), null));
        attacks.put("symlinked base_dir", submission(load("secret.csv"), "escape"));
        attacks.put("validate reference", submission("name: probe\nsteps:\n"
                + "  - {name: load, uses: load, with: {path: data.csv}}\n"
                + "  - {name: check, uses: validate, inputs: {data: load.data}, with: {reference: /etc/passwd}}\n", null));
        attacks.put("NUL in base_dir", submission(load("data.csv"), "sub\u0000/x"));
        attacks.put("lone surrogate in base_dir", submission(load("data.csv"), "sub\ud800"));
        attacks.put("NUL in path", submission(load("data.csv\u0000"), null));
        attacks.put("base_dir not a string", submission(load("data.csv"), Map.of("a", 1)));

        for (Map.Entry<String, Map<String, Object>> attack : attacks.entrySet()) {
            // A lone surrogate can only travel as a JSON escape: the raw char would be replaced by '?' in UTF-8.
            String json = Json.mapper().writeValueAsString(attack.getValue()).replace("\ud800", "\\ud800");
            TestHttp.Response response = post("/api/v1/pipelines/runs", json);
            assertThat(response.status()).as(attack.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).path("error_code").asText()).as(attack.getKey())
                    .isEqualTo("INVALID_PARAMETER_VALUE");
            assertNothingLeaks(attack.getKey(), response.body());
        }
        TestHttp.Response runs = get("/api/v1/pipelines/runs");
        assertThat(Json.mapper().readTree(runs.body()).path("runs")).isEmpty();
    }

    @Test
    void yaml_bodies_with_a_base_dir_query_outside_the_folder_are_refused() throws Exception {
        for (String baseDir : List.of("/", "/etc", "..", "sub\u0000", "sub%00", "%2e%2e")) {
            String path = "/api/v1/pipelines/runs?base_dir=" + URLEncoder.encode(baseDir, StandardCharsets.UTF_8);
            TestHttp.Response response = server.http().send("POST", path, "application/yaml", load("etc/os-release"));
            assertThat(response.status()).as(baseDir + ": " + response.body()).isEqualTo(400);
            assertNothingLeaks(baseDir, response.body());
        }
        assertThat(Json.mapper().readTree(get("/api/v1/pipelines/runs").body()).path("runs")).isEmpty();
    }

    @Test
    void files_inside_the_folder_are_read_from_the_folder_or_a_base_dir_inside_it() throws Exception {
        String viaRoot = submit(submission(load("data.csv"), null));
        String viaSub = submit(submission(load("../data.csv"), root.resolve("sub").toString()));

        for (String runId : List.of(viaRoot, viaSub)) {
            JsonNode run = finished(runId);
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
            assertThat(run.path("steps").get(0).path("outputs").path("columns").path("value").toString()).isEqualTo("[\"a\",\"b\"]");
        }
    }

    @Test
    void a_file_swapped_for_an_escaping_link_after_submission_is_refused_when_read() throws Exception {
        String key = "swap-" + System.nanoTime();
        CountDownLatch gate = TestSteps.GATES.computeIfAbsent(key, k -> new CountDownLatch(1));
        String yaml = "name: swap\nsteps:\n"
                + "  - {name: wait, uses: dev.mlforge.pipelines.TestSteps$Gate, cache: false, with: {key: " + key + "}}\n"
                + "  - {name: load, uses: load, depends_on: [wait], with: {path: data.csv}}\n";
        String runId = submit(submission(yaml, null));
        Files.delete(root.resolve("data.csv"));
        Files.createSymbolicLink(root.resolve("data.csv"), outside.resolve("secret.csv"));
        gate.countDown();

        JsonNode run = finished(runId);
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        JsonNode load = run.path("steps").get(1);
        assertThat(load.path("state").asText()).isEqualTo("FAILED");
        assertThat(load.path("message").asText()).contains("symbolic link");
        assertNothingLeaks("swap", get("/api/v1/pipelines/runs/" + runId).body());
        assertNothingLeaks("swap", get("/api/v1/pipelines/runs").body());
    }

    private void assertNothingLeaks(String attack, String body) {
        assertThat(body).as(attack).doesNotContain("secret_column_7f3a").doesNotContain("root:x:0:0")
                .doesNotContain("PRETTY_NAME").doesNotContain("ID=").doesNotContain(root.toString());
    }

    private static Map<String, Object> submission(String yaml, Object baseDir) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", yaml);
        if (baseDir != null) {
            body.put("base_dir", baseDir);
        }
        return body;
    }

    private String submit(Map<String, Object> submission) throws Exception {
        TestHttp.Response created = post("/api/v1/pipelines/runs", Json.mapper().writeValueAsString(submission));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Json.mapper().readTree(created.body()).path("run_id").asText();
    }

    private JsonNode finished(String runId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Json.mapper().readTree(get("/api/v1/pipelines/runs/" + runId).body()).path("run"),
                        node -> !node.path("status").asText().equals("RUNNING"));
    }

    private TestHttp.Response get(String path) {
        return server.http().get(path);
    }

    private TestHttp.Response post(String path, String json) {
        return server.http().post(path, json);
    }
}

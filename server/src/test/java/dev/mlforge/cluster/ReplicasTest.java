package dev.mlforge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.TestHttp;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two mlforge servers, each its own JVM, on one embedded PostgreSQL and one artifact folder, as two replicas behind a
 * load balancer: what one changes the other serves within a second, a schedule runs once across both, and the run
 * of a server killed with SIGKILL is taken over by the other within the lease time.
 */
class ReplicasTest {
    private static final String API = "/api/2.0/mlflow/";
    static final String ROW = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
            + " \"data\": [6.2, 2.8, 4.8, 1.8]}]}";
    private static final int LEASE_SECONDS = 3;
    /** How long a replica may take to follow an alias or stage moved on the other (the target is 1 s). */
    private static final Duration FOLLOW = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private String database;
    private ReplicaProcess a;
    private ReplicaProcess b;

    @BeforeEach
    void startTwoReplicas() throws Exception {
        database = TestDatabases.newPostgresDatabase();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("backend-store-uri", database);
        config.put("artifacts-destination", Files.createDirectories(dir.resolve("artifacts")).toString());
        config.put("pipelines.base-dir", Files.createDirectories(dir.resolve("pipelines")).toString());
        config.put("pipelines.scheduler-interval-seconds", "1");
        config.put("cluster.lease-seconds", Integer.toString(LEASE_SECONDS));
        a = ReplicaProcess.start("a", dir, config);
        b = ReplicaProcess.start("b", dir, config);
    }

    @AfterEach
    void stop() throws Exception {
        for (ReplicaProcess replica : new ReplicaProcess[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void a_deployment_changed_on_one_replica_is_served_by_the_other_within_a_second() throws Exception {
        TestHttp onA = a.http();
        TestHttp onB = b.http();
        registerIris(onA);
        registerIris(onA);
        // warm servers, as in production: each has loaded the ONNX runtime once (a cold JVM's first load takes seconds)
        for (TestHttp server : List.of(onA, onB)) {
            assertThat(server.post("/api/v1/deployments", Map.of("name", "warm", "model_uri", "models:/iris/1")).status()).isBetween(200, 201);
            assertThat(server.post("/v2/models/warm/infer", ROW).status()).isEqualTo(200);
            assertThat(server.delete("/api/v1/deployments/warm").status()).isEqualTo(200);
            awaitWithin(Duration.ofSeconds(5), () -> onA.get("/api/v1/deployments/warm").status() == 404
                    && onB.get("/api/v1/deployments/warm").status() == 404, "the warm-up deployment is gone everywhere");
        }

        assertThat(onA.post("/api/v1/deployments", Map.of("name", "fraud", "model_uri", "models:/iris/1")).status()).isBetween(200, 201);
        long created = System.nanoTime();
        try {
            awaitWithin(Duration.ofSeconds(1), () -> versionAnswering(onB).equals("1"), "B serves the deployment A created");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + b.log(), e);
        }
        long createdOnB = System.nanoTime() - created;

        assertThat(onB.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}").status()).isEqualTo(200);
        long changed = System.nanoTime();
        awaitWithin(Duration.ofSeconds(1), () -> versionAnswering(onA).equals("2"), "A follows the policy B changed");
        long changedOnA = System.nanoTime() - changed;
        assertThat(onA.get("/api/v1/deployments/fraud").ok().json().at("/deployment/previous_policy/model_uri").asText())
                .isEqualTo("models:/iris/1");

        assertThat(onA.delete("/api/v1/deployments/fraud").status()).isEqualTo(200);
        long deleted = System.nanoTime();
        awaitWithin(Duration.ofSeconds(1), () -> onB.post("/v2/models/fraud/infer", ROW).status() == 404, "B drops what A deleted");
        System.out.printf("replicas: created on A served by B after %d ms, changed on B served by A after %d ms,"
                + " deleted on A gone from B after %d ms%n", createdOnB / 1_000_000, changedOnA / 1_000_000,
                (System.nanoTime() - deleted) / 1_000_000);
        assertThat(onB.get("/api/v1/deployments/fraud").status()).isEqualTo(404);

        // a change acknowledged by A survives A being killed right after: B serves it
        assertThat(onB.post("/api/v1/deployments", Map.of("name", "fraud", "model_uri", "models:/iris/1")).status()).isBetween(200, 201);
        try {
            awaitWithin(Duration.ofSeconds(1), () -> versionAnswering(onA).equals("1"), "A serves the deployment B created");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; A answers " + onA.post("/v2/models/fraud/infer", ROW).body()
                    + "\n" + logOf(a), e);
        }
        assertThat(onA.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}").status()).isEqualTo(200);
        a.kill9();
        awaitWithin(Duration.ofSeconds(1), () -> versionAnswering(onB).equals("2"), "B serves the change the killed A acknowledged");
        assertThat(onB.get("/api/v1/deployments/fraud").ok().json().at("/deployment/versions/primary").asText()).isEqualTo("2");
    }

    @Test
    void an_alias_moved_or_a_stage_changed_on_one_replica_reloads_the_deployments_following_it_on_the_other() throws Exception {
        TestHttp onA = a.http();
        TestHttp onB = b.http();
        for (int version = 1; version <= 3; version++) {
            registerIris(onA);
        }
        onA.post(API + "registered-models/alias", Map.of("name", "iris", "alias", "champion", "version", "1")).ok();
        assertThat(onA.post("/api/v1/deployments", Map.of("name", "fraud", "model_uri", "models:/iris@champion")).status())
                .isBetween(200, 201);
        // the first load of the ONNX runtime in a cold JVM takes seconds
        awaitWithin(Duration.ofSeconds(20), () -> versionAnswering(onB, "fraud").equals("1"), "B serves the deployment A created");

        // the target is 1 s (issue 15); the bound is looser because a loaded machine stretches model loading, and the
        // times taken are printed for docs/replicas.md
        onA.post(API + "registered-models/alias", Map.of("name", "iris", "alias", "champion", "version", "2")).ok();
        long moved = System.nanoTime();
        awaitWithin(FOLLOW, () -> versionAnswering(onB, "fraud").equals("2"), "B follows the alias A moved");
        long followed = (System.nanoTime() - moved) / 1_000_000;
        // A reloads on its own event, B on its poll of the store: either may finish loading the new version first
        awaitWithin(FOLLOW, () -> versionAnswering(onA, "fraud").equals("2"), "A serves the alias it moved");
        assertThat(onB.get("/api/v1/deployments/fraud").ok().json().at("/deployment/versions/primary").asText()).isEqualTo("2");

        // a deployment following a stage: a transition and a version deletion on A change what B serves
        transition(onA, "1", "Production");
        assertThat(onA.post("/api/v1/deployments", Map.of("name", "staged", "model_uri", "models:/iris/Production")).status())
                .isBetween(200, 201);
        awaitWithin(FOLLOW, () -> versionAnswering(onB, "staged").equals("1"), "B serves the stage deployment");
        transition(onA, "3", "Production");
        long transitioned = System.nanoTime();
        awaitWithin(FOLLOW, () -> versionAnswering(onB, "staged").equals("3"), "B follows the stage A changed");
        long followedStage = (System.nanoTime() - transitioned) / 1_000_000;
        TestHttp.Response deletion = onA.delete(API + "model-versions/delete", Map.of("name", "iris", "version", "3"));
        assertThat(deletion.status()).as(() -> deletion.body() + "\n" + logOf(a)).isEqualTo(200);
        awaitWithin(FOLLOW, () -> versionAnswering(onB, "staged").equals("1")
                && versionAnswering(onA, "staged").equals("1"), "both serve the stage's version left after the deletion");
        assertThat(versionAnswering(onB, "fraud")).isEqualTo("2");

        // an alias move acknowledged by A survives A being killed right after: B serves it
        onA.post(API + "registered-models/alias", Map.of("name", "iris", "alias", "champion", "version", "1")).ok();
        a.kill9();
        long killed = System.nanoTime();
        awaitWithin(FOLLOW, () -> versionAnswering(onB, "fraud").equals("1"), "B follows the move the killed A acknowledged");
        System.out.printf("replicas: alias moved on A followed by B after %d ms, stage changed on A after %d ms,"
                + " alias moved by A killed right after followed after %d ms%n", followed, followedStage,
                (System.nanoTime() - killed) / 1_000_000);
    }

    private static String logOf(ReplicaProcess replica) {
        try {
            return replica.log();
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void transition(TestHttp http, String version, String stage) {
        http.post(API + "model-versions/transition-stage", Map.of("name", "iris", "version", version, "stage", stage,
                "archive_existing_versions", false)).ok();
    }

    @Test
    void a_schedule_runs_once_across_replicas_and_the_run_of_a_killed_replica_is_taken_over() throws Exception {
        Path log = dir.resolve("gate.log");
        Path gate = dir.resolve("gate.open");
        String yaml = "name: gated\nsteps:\n  - name: wait\n    uses: " + GateStep.class.getName() + "\n    cache: false\n"
                + "    with: {gate: '" + gate + "', log: '" + log + "'}\n";
        // a schedule far in the future, made due now in the store: the two schedulers (ticking every second) race for it
        assertThat(a.http().post("/api/v1/pipelines/schedules", Map.of("name", "gated", "cron", "0 0 1 1 *", "pipeline", yaml))
                .status()).isEqualTo(201);
        makeDue("gated");

        awaitWithin(Duration.ofSeconds(15), () -> lines(log).size() == 1, "one replica starts the scheduled run");
        Thread.sleep(2500); // both schedulers ticked again: nobody else started it
        assertThat(lines(log)).hasSize(1);
        long firstPid = pidOf(lines(log).get(0));
        ReplicaProcess victim = firstPid == a.pid() ? a : b;
        ReplicaProcess survivor = victim == a ? b : a;
        assertThat(firstPid).isEqualTo(victim.pid());
        List<JsonNode> runs = runs(survivor.http());
        assertThat(runs).hasSize(1);
        String runId = runs.get(0).get("run_id").asText();
        assertThat(runs.get(0).get("status").asText()).isEqualTo("RUNNING");

        victim.kill9();
        long killed = System.nanoTime();
        awaitWithin(Duration.ofSeconds(LEASE_SECONDS + 5), () -> lines(log).size() == 2, "the survivor takes the run over");
        long takenOver = (System.nanoTime() - killed) / 1_000_000;
        assertThat(lines(log).get(1)).isEqualTo("started " + survivor.pid());

        Files.writeString(gate, "open");
        awaitWithin(Duration.ofSeconds(15), () -> !"RUNNING".equals(runs(survivor.http()).get(0).get("status").asText()),
                "the run ends on the survivor");
        System.out.printf("replicas: run of the killed replica taken over after %d ms (lease %d s)%n", takenOver, LEASE_SECONDS);
        JsonNode run = survivor.http().get("/api/v1/pipelines/runs/" + runId).ok().json().get("run");
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("trigger").asText()).isEqualTo("schedule:gated");
        assertThat(run.get("message").asText()).contains("the server running it stopped");
        // one run, finished once, by the survivor; the schedule moved to its next fire time and fires nothing more
        Thread.sleep(1500);
        assertThat(runs(survivor.http())).hasSize(1);
        assertThat(lines(log)).containsExactly("started " + victim.pid(), "started " + survivor.pid(), "finished " + survivor.pid());
    }

    private void makeDue(String schedule) throws Exception {
        try (Connection connection = DriverManager.getConnection(database);
             PreparedStatement update = connection.prepareStatement("UPDATE pipeline_schedules SET next_fire_at = ? WHERE name = ?")) {
            update.setLong(1, System.currentTimeMillis());
            update.setString(2, schedule);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<JsonNode> runs(TestHttp http) {
        List<JsonNode> runs = new java.util.ArrayList<>();
        http.get("/api/v1/pipelines/runs?pipeline=gated").ok().json().get("runs").forEach(runs::add);
        return runs;
    }

    private static long pidOf(String line) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1));
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList() : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String versionAnswering(TestHttp http) {
        return versionAnswering(http, "fraud");
    }

    static String versionAnswering(TestHttp http, String deployment) {
        TestHttp.Response response = http.post("/v2/models/" + deployment + "/infer", ROW);
        return response.status() == 200 ? response.json().get("model_version").asText() : "status " + response.status();
    }

    private static void awaitWithin(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                long late = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!condition.getAsBoolean() && System.nanoTime() < late) {
                    Thread.sleep(10);
                }
                throw new AssertionError(what + ": not within " + limit.toMillis() + " ms (" + (condition.getAsBoolean()
                        ? "but after " + (System.nanoTime() - start) / 1_000_000 + " ms" : "nor within 30 s") + ")");
            }
            Thread.sleep(10);
        }
    }

    /** Logs the iris ONNX model to a new run through A's artifact proxy and registers it as the next version of iris. */
    static void registerIris(TestHttp http) throws Exception {
        String runId = http.post(API + "runs/create", Map.of("experiment_id", "0")).ok().json().at("/run/info/run_id").asText();
        Path model = Path.of(ReplicasTest.class.getResource("/serving/models/iris_logreg.onnx").toURI());
        http.upload("/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model/" + model.getFileName(),
                Files.readAllBytes(model)).ok();
        if (http.get(API + "registered-models/get?name=iris").status() == 404) {
            http.post(API + "registered-models/create", Map.of("name", "iris")).ok();
        }
        http.post(API + "model-versions/create", Map.of("name", "iris", "source", "runs:/" + runId + "/model", "run_id", runId)).ok();
    }
}

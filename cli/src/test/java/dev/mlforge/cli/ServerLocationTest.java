package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every client command finds the server the same way: here through MLFORGE_TRACKING_URI alone, in a real process. */
class ServerLocationTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final ClientExtension application = ClientExtension.of(ApplicationExtension.sqlite()
            .withConfig("pipelines.base-dir", dataDir -> dataDir.toString()));
    private final CliFixture server = new CliFixture(application);
    private Path pipeline;

    @BeforeEach
    void start() throws Exception {
        server.client().datasets().register("wine-env", RepoDatasets.wine());
        pipeline = application.dataDir().resolve("validate.yaml"); // inside the server's pipelines.base-dir
        Files.writeString(pipeline, """
                name: wine-env
                steps:
                  - {name: load, uses: load, with: {dataset: wine-env, version: latest}}
                  - {name: validate, uses: validate, inputs: {data: load.data}, with: {min_rows: 10}}
                """);
    }

    private CliProcess.Result mlforge(String... args) throws Exception {
        return CliProcess.run(tmp, Map.of("MLFORGE_TRACKING_URI", server.url()), args);
    }

    @Test
    void pipelines_commands_follow_mlforge_tracking_uri() throws Exception {
        CliProcess.Result run = mlforge("pipelines", "run", pipeline.toString(), "--poll-ms", "100");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("running pipeline " + pipeline + " on the server at " + server.url()
                + " (from MLFORGE_TRACKING_URI)").contains("submitted run ").containsPattern("validate +SUCCEEDED");
        String runId = run.out().lines().filter(line -> line.startsWith("submitted run ")).findFirst().orElseThrow().split(" ")[2];

        CliProcess.Result status = mlforge("pipelines", "status", runId);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("pipeline wine-env  SUCCEEDED");

        CliProcess.Result schedule = mlforge("pipelines", "schedule", "nightly", pipeline.toString(), "--cron", "0 2 * * *");
        assertThat(schedule.exitCode()).as(schedule.err()).isZero();

        CliProcess.Result list = mlforge("pipelines", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(runId).contains("nightly");

        CliProcess.Result models = mlforge("datasets", "list");
        assertThat(models.out()).contains("wine-env");
    }

    @Test
    void a_local_run_says_so_and_a_pipeline_that_deploys_is_refused_before_any_step_runs() throws Exception {
        Path wine = Files.copy(RepoDatasets.wine(), tmp.resolve("wine.csv"));
        Path local = tmp.resolve("local.yaml");
        Files.writeString(local, """
                name: local-load
                steps:
                  - {name: load, uses: load, with: {path: wine.csv}}
                """);
        CliProcess.Result ran = CliProcess.run(tmp, Map.of(), "pipelines", "run", local.toString(), "--work-dir", "work");
        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).startsWith("running pipeline local-load locally, in this process (no server named: ");
        assertThat(wine).exists();

        Path deploys = tmp.resolve("deploys.yaml");
        Files.writeString(deploys, """
                name: deploys
                steps:
                  - {name: load, uses: load, with: {path: wine.csv}}
                  - {name: ship, uses: deploy, inputs: {model_uri: load.data}, with: {deployment: wine}}
                """);
        CliProcess.Result refused = CliProcess.run(tmp, Map.of(), "pipelines", "run", deploys.toString(), "--work-dir", "work");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("error: pipeline deploys has a deploy step ('ship'), which needs a server: "
                + "start one (mlforge server) and pass --tracking-uri URL or set MLFORGE_TRACKING_URI");
        assertThat(refused.out()).doesNotContain("RUNNING");
    }
}

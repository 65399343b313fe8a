package dev.mlforge.cli.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.cli.Main;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testsupport.RepoDatasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PipelinesCommandTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("pipelines.base-dir", dataDir -> dataDir.toString());

    private Path pipelineFile() throws Exception {
        String yaml = """
                name: wine-cli
                params: {data: %s, label: class}
                steps:
                  - {name: load, uses: load, with: {path: "${params.data}", dataset: wine-cli}}
                  - {name: split, uses: split, inputs: {data: load.data}, with: {label: "${params.label}", test_fraction: 0.3}}
                  - {name: featurize, uses: featurize, inputs: {train: split.train, test: split.test}, with: {label: "${params.label}"}}
                  - name: train
                    uses: train
                    inputs: {train: featurize.train, test: featurize.test}
                    with: {label: "${params.label}", trainers: {logistic_regression: {epochs: [5, 10]}}}
                  - {name: evaluate, uses: evaluate, inputs: {model: train.model, test: featurize.test}, with: {label: "${params.label}"}}
                  - {name: register, uses: register, inputs: {model: train.model, metrics: evaluate.metrics}, with: {model_name: wine-cli}}
                  - {name: promote, uses: promote, inputs: {version: register.version}, when: evaluate.gate_passed, with: {model_name: wine-cli}}
                """.formatted(RepoDatasets.wine());
        Path file = server.dataDir().resolve("wine-cli.yaml"); // inside the server's pipelines.base-dir
        Files.writeString(file, yaml);
        return file;
    }

    private record Execution(int exitCode, String out, String err) {}

    private Execution execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Execution(exitCode, out.toString(), err.toString());
    }

    @Test
    void a_local_run_prints_one_line_per_step_state_change_and_the_best_model() throws Exception {
        Execution run = execute("pipelines", "run", pipelineFile().toString(), "--work-dir", tmp.resolve("work").toString(),
                "--param", "label=class");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d  load +RUNNING")
                .containsPattern("train +SUCCEEDED")
                .containsPattern("promote +SUCCEEDED")
                .contains("pipeline wine-cli run ").contains(": SUCCEEDED")
                .contains("best model: logistic_regression (accuracy = ").contains("models:/wine-cli/1");
        assertThat(tmp.resolve("work/registry/wine-cli/aliases.json")).content().contains("\"champion\":\"1\"");

        Execution again = execute("pipelines", "run", pipelineFile().toString(), "--work-dir", tmp.resolve("work").toString());
        assertThat(again.out()).containsPattern("train +CACHED");
    }

    @Test
    void a_remote_run_is_submitted_to_the_server_and_followed_until_it_ends() throws Exception {
        // A server run reads only inside pipelines.base-dir: here the server's data dir, which holds the data.
        Files.copy(RepoDatasets.wine(), server.dataDir().resolve("wine.csv"));
        Execution run = execute("pipelines", "run", pipelineFile().toString(), "--tracking-uri", server.baseUrl(),
                "--poll-ms", "100", "--param", "data=wine.csv");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("submitted run ").containsPattern("train +SUCCEEDED").contains(": SUCCEEDED");
        String runId = run.out().lines().filter(line -> line.startsWith("submitted run ")).findFirst().orElseThrow().split(" ")[2];

        var datasets = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + "/api/v1/datasets/wine-cli/versions")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(datasets.statusCode()).isEqualTo(200);
        assertThat(datasets.body()).contains("\"version\":1").contains("\"row_count\":178");

        Execution status = execute("pipelines", "status", runId, "--tracking-uri", server.baseUrl());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("pipeline wine-cli  SUCCEEDED  trigger api:cli").containsPattern("train +SUCCEEDED +1");

        Execution schedule = execute("pipelines", "schedule", "nightly", pipelineFile().toString(), "--cron", "0 2 * * *",
                "--tracking-uri", server.baseUrl());
        assertThat(schedule.exitCode()).as(schedule.err()).isZero();
        assertThat(schedule.out()).contains("scheduled nightly (0 2 * * *)");

        Execution list = execute("pipelines", "list", "--tracking-uri", server.baseUrl());
        assertThat(list.out()).contains(runId).contains("wine-cli").contains("nightly");
    }

    @Test
    void errors_are_one_clear_line() throws Exception {
        Execution missing = execute("pipelines", "run", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: No pipeline file");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nsteps:\n  - {name: a, uses: teleport}\n");
        Execution invalid = execute("pipelines", "run", bad.toString(), "--work-dir", tmp.resolve("w").toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("unknown step type 'teleport'");

        
        Execution unknown = execute("pipelines", "status", "ghost", "--tracking-uri", server.baseUrl());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Pipeline run 'ghost' does not exist");
    }
}

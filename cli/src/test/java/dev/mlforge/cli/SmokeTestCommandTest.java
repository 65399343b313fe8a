package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.api.serving.CanarySpec;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.LoggedModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlforge deployments smoke-test} against a real server: version 1 of {@code iris} is the logistic regression
 * the held-out labels came from, version 2 the same model with its weights negated (it loads and answers, but picks the
 * least likely class): the smoke test passes on 1, fails on 2, and after {@code deployments rollback} passes again.
 */
class SmokeTestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);
    private Path heldOut;

    @BeforeEach
    void register_a_good_and_a_broken_version() throws Exception {
        LoggedModels models = new LoggedModels(server.server());
        Path good = Files.createDirectories(local.resolve("good"));
        copy("/serving/models/iris_mlflow/MLmodel", good.resolve("MLmodel"));
        copy("/serving/models/iris_mlflow/model.onnx", good.resolve("model.onnx"));
        Path broken = Files.createDirectories(local.resolve("broken"));
        copy("/serving/models/iris_mlflow/MLmodel", broken.resolve("MLmodel"));
        copy("/smoke/iris_negated.onnx", broken.resolve("model.onnx"));
        models.registerModel("iris", good);
        models.registerModel("iris", broken);
        heldOut = local.resolve("held_out.csv");
        copy("/smoke/held_out.csv", heldOut);
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = SmokeTestCommandTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    private CliFixture.Result smokeTest(String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"deployments", "smoke-test", "fraud", "--input", heldOut.toString(), "--label-column"}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return cli.run(args);
    }

    @Test
    void a_broken_version_fails_the_smoke_test_and_rollback_restores_the_version_that_passes() {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");

        CliFixture.Result good = smokeTest("species", "--min-accuracy", "0.9", "--max-p95-ms", "5000");
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out().lines()).contains("Smoke test of deployment fraud: 30 requests from held_out.csv",
                "answered by version: 1 (30)", "PASSED");
        assertThat(good.out().lines().filter(line -> line.startsWith("accuracy")).findFirst().orElseThrow())
                .matches("accuracy\\s+1\\.0000\\s+>= 0\\.9\\s+pass");

        CliFixture.Result update = cli.run("deployments", "update", "fraud", "--model-uri", "models:/iris/2");
        assertThat(update.exitCode()).as(update.err()).isZero();
        CliFixture.Result broken = smokeTest("species", "--min-accuracy", "0.9", "--max-p95-ms", "5000");
        assertThat(broken.exitCode()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out().lines()).contains("answered by version: 2 (30)", "FAILED: accuracy 0.0000 is below 0.9");
        assertThat(broken.out().lines().filter(line -> line.startsWith("p95 latency")).findFirst().orElseThrow()).endsWith("pass");

        CliFixture.Result rollback = cli.run("deployments", "rollback", "fraud");
        assertThat(rollback.out().lines()).contains("Rolled fraud back to models:/iris/1");
        CliFixture.Result again = smokeTest("species", "--min-accuracy", "0.9");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out().lines()).contains("answered by version: 1 (30)", "PASSED");
    }

    @Test
    void a_canary_is_tested_on_its_own_version_before_it_is_promoted() throws Exception {
        server.client().deployments().create(new CreateDeploymentRequest("fraud", "models:/iris/1",
                new CanarySpec("models:/iris/2", 10), null, null));

        CliFixture.Result canary = smokeTest("species", "--min-accuracy", "0.9", "--model-version", "2", "--json");
        CliFixture.Result primary = smokeTest("species", "--min-accuracy", "0.9", "--model-version", "1", "--json");

        JsonNode failed = JSON.readTree(canary.out());
        assertThat(canary.exitCode()).isEqualTo(1);
        assertThat(failed.path("passed").asBoolean()).isFalse();
        assertThat(failed.path("versions").path("2").asInt()).isEqualTo(30);
        assertThat(failed.path("failures").path(0).asText()).isEqualTo("accuracy 0.0000 is below 0.9");
        JsonNode passed = JSON.readTree(primary.out());
        assertThat(primary.exitCode()).isZero();
        assertThat(passed.path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(passed.path("requests").asInt()).isEqualTo(30);
        assertThat(passed.path("error_rate").asDouble()).isZero();
    }

    @Test
    void latency_and_error_budgets_fail_the_test_with_a_summary_naming_them() throws Exception {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");
        // JSON Lines whose rows lack a feature: every request is refused (400), so every request counts as an error.
        Path jsonl = local.resolve("short.jsonl");
        Files.writeString(jsonl, Files.readAllLines(heldOut).stream().skip(1).limit(5)
                .map(line -> line.split(","))
                .map(cells -> "{\"a\": " + cells[0] + ", \"b\": " + cells[1] + ", \"c\": " + cells[2] + ", \"y\": " + cells[4] + "}")
                .collect(Collectors.joining("\n")));

        CliFixture.Result slow = smokeTest("species", "--max-p95-ms", "0.001");
        CliFixture.Result errors = cli.run("deployments", "smoke-test", "fraud", "--input", jsonl.toString(), "--label-column", "y",
                "--max-error-rate", "0.2", "--warmup", "0");

        assertThat(slow.exitCode()).isEqualTo(1);
        assertThat(slow.out().lines().reduce((first, second) -> second).orElseThrow())
                .matches("FAILED: p95 latency \\d+\\.\\d ms is above 0\\.001 ms");
        assertThat(errors.exitCode()).as(errors.out() + errors.err()).isEqualTo(1);
        assertThat(errors.out()).contains("FAILED: error rate 1.0000 (5 of 5 requests failed) is above 0.2")
                .contains("answered by version: none").contains("error x5: ");
    }

    @Test
    void a_bad_file_or_budget_is_a_usage_error_and_an_unknown_deployment_is_named() throws Exception {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");

        CliFixture.Result noLabel = smokeTest("label");
        CliFixture.Result badBudget = smokeTest("species", "--min-accuracy", "1.5");
        CliFixture.Result missingFile = cli.run("deployments", "smoke-test", "fraud", "--input", local.resolve("nope.csv").toString(),
                "--label-column", "y");
        CliFixture.Result unknown = cli.run("deployments", "smoke-test", "nope", "--input", heldOut.toString(), "--label-column", "species");

        assertThat(noLabel.exitCode()).isEqualTo(2);
        assertThat(noLabel.err()).contains("held_out.csv has no column 'label' (its header: sepal_length,sepal_width,petal_length,petal_width,species)");
        assertThat(badBudget.exitCode()).isEqualTo(2);
        assertThat(badBudget.err()).contains("--min-accuracy must be between 0 and 1");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read").contains("nope.csv");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: ").contains("nope");
    }
}

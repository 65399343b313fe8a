package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.LoggedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeploymentsCommandTest {
    /** A held-out iris row (virginica, class 2) in MLflow's dataframe_split format. */
    static final String ROW = "{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\","
            + " \"petal_width\"], \"data\": [[6.2, 2.8, 4.8, 1.8], [5.1, 3.4, 1.5, 0.2]]}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);

    @BeforeEach
    void register_two_versions() throws Exception {
        registerIris(server, local);
    }

    /** Versions 1 and 2 of model {@code iris}: the same logistic regression, logged as MLflow logs an ONNX model. */
    static void registerIris(ClientExtension server, Path local) throws Exception {
        LoggedModels models = new LoggedModels(server.server());
        // The model is a resource of the server's test-jar: copied out, since a jar entry is no directory.
        Path iris = Files.createDirectories(local.resolve("iris_mlflow"));
        for (String file : new String[] {"MLmodel", "model.onnx"}) {
            try (java.io.InputStream in = DeploymentsCommandTest.class.getResourceAsStream("/serving/models/iris_mlflow/" + file)) {
                Files.copy(in, iris.resolve(file));
            }
        }
        models.registerModel("iris", iris);
        models.registerModel("iris", iris);
    }

    @Test
    void mlforge_deployments_offers_the_lifecycle_and_scoring_commands() {
        assertThat(Main.commandLine("deployments").getSubcommands().get("deployments").getSubcommands()).containsOnlyKeys(
                "create", "list", "get", "update", "rollback", "history", "delete", "predict", "feedback", "predictions", "shadow-comparison", "smoke-test");
    }

    @Test
    void create_list_get_and_delete_show_the_deployment_as_it_runs() throws Exception {
        CliFixture.Result created = cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");
        CliFixture.Result list = cli.run("deployments", "list");
        CliFixture.Result json = cli.run("deployments", "get", "fraud", "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().lines()).contains("Deployed models:/iris/1 as fraud", "ready           true",
                "versions        primary=1");
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).matches("fraud\\s+models:/iris/1\\s+true\\s+primary=1\\s+\\S+ \\S+");
        JsonNode deployment = JSON.readTree(json.out()).path("deployment");
        assertThat(deployment.path("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(deployment.path("versions").path("primary").asText()).isEqualTo("1");

        CliFixture.Result deleted = cli.run("deployments", "delete", "fraud");
        CliFixture.Result gone = cli.run("deployments", "get", "fraud");
        assertThat(deleted.out()).isEqualTo("Deleted deployment fraud\n");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).startsWith("error: ").contains("fraud");
    }

    @Test
    void update_sets_and_removes_canary_shadow_and_sticky_header_and_rollback_restores_the_previous_policy() throws Exception {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");

        CliFixture.Result canary = cli.run("deployments", "update", "fraud", "--canary", "models:/iris/2", "--canary-weight", "25",
                "--shadow", "models:/iris/2", "--sticky-header", "X-User", "--json");
        JsonNode withCanary = JSON.readTree(canary.out()).path("deployment");
        assertThat(withCanary.path("canary").path("weight").asInt()).isEqualTo(25);
        assertThat(withCanary.path("shadow").path("model_uri").asText()).isEqualTo("models:/iris/2");
        assertThat(withCanary.path("sticky_header").asText()).isEqualTo("X-User");

        CliFixture.Result removed = cli.run("deployments", "update", "fraud", "--no-canary", "--no-sticky-header", "--json");
        JsonNode withoutCanary = JSON.readTree(removed.out()).path("deployment");
        assertThat(withoutCanary.has("canary")).isFalse();
        assertThat(withoutCanary.has("sticky_header")).isFalse();
        assertThat(withoutCanary.path("shadow").path("model_uri").asText()).isEqualTo("models:/iris/2");

        CliFixture.Result history = cli.run("deployments", "history", "fraud");
        assertThat(history.out().lines().toList()).hasSize(4);
        assertThat(history.out().lines().skip(1).findFirst().orElseThrow()).matches("current\\s+models:/iris/1\\s+models:/iris/2");

        CliFixture.Result rolledBack = cli.run("deployments", "rollback", "fraud");
        assertThat(rolledBack.out().lines()).contains("canary          models:/iris/2 (25%)", "sticky_header   X-User");
        assertThat(cli.client().deployments().get("fraud").canary().weight()).isEqualTo(25);
    }

    @Test
    void update_without_a_change_is_refused_and_a_canary_needs_its_weight() {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");

        CliFixture.Result nothing = cli.run("deployments", "update", "fraud");
        CliFixture.Result noWeight = cli.run("deployments", "update", "fraud", "--canary", "models:/iris/2");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to change");
        assertThat(noWeight.exitCode()).isEqualTo(2);
        assertThat(noWeight.err()).contains("--canary-weight");
    }

    @Test
    void predict_scores_json_and_csv_and_feedback_attaches_the_label() throws Exception {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1");
        Path csv = Files.writeString(local.resolve("rows.csv"), "sepal_length,sepal_width,petal_length,petal_width\n6.2,2.8,4.8,1.8\n");

        CliFixture.Result table = cli.run("deployments", "predict", "fraud", "--data", ROW);
        CliFixture.Result json = cli.run("deployments", "predict", "fraud", "--file", csv.toString(), "--json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).matches("request \\S+ answered by version 1");
        assertThat(table.out().lines().skip(2).map(line -> line.split("\\s+", 2)[1]).toList())
                .allMatch(cell -> cell.startsWith("{\"label\":"))
                .first().asString().startsWith("{\"label\":2,");
        JsonNode answer = JSON.readTree(json.out());
        assertThat(answer.path("predictions").path(0).path("label").asInt()).isEqualTo(2);
        assertThat(answer.path("model_version").asText()).isEqualTo("1");

        String requestId = answer.path("request_id").asText();
        CliFixture.Result feedback = cli.run("deployments", "feedback", "fraud", requestId, "2");
        CliFixture.Result unknown = cli.run("deployments", "feedback", "fraud", "no-such-request", "2");
        assertThat(feedback.out()).isEqualTo("Recorded the label of request " + requestId + "\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void predictions_lists_the_log_with_labels_and_exports_csv_and_parquet_files() throws Exception {
        cli.run("deployments", "create", "fraud", "--model-uri", "models:/iris/1", "--shadow", "models:/iris/2");
        String requestId = JSON.readTree(cli.run("deployments", "predict", "fraud", "--data", ROW, "--json").out())
                .path("request_id").asText();
        cli.run("deployments", "feedback", "fraud", requestId, "[2, 0]");

        CliFixture.Result table = cli.run("deployments", "predictions", "fraud", "--shadow", "false");
        CliFixture.Result csv = cli.run("deployments", "predictions", "fraud", "--shadow", "false", "--format", "csv",
                "--output", local.resolve("log.csv").toString());
        CliFixture.Result parquet = cli.run("deployments", "predictions", "fraud", "--format", "parquet",
                "-o", local.resolve("log.parquet").toString());
        CliFixture.Result noOutput = cli.run("deployments", "predictions", "fraud", "--format", "csv");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(2);
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith(requestId).contains("label=[2,0]").endsWith("[2,0]");
        assertThat(csv.out()).startsWith("Wrote ");
        assertThat(Files.readAllLines(local.resolve("log.csv")).get(0)).startsWith("request_id,timestamp,model_version,shadow");
        assertThat(Files.readAllLines(local.resolve("log.csv")).get(1)).startsWith(requestId + ",");
        byte[] file = Files.readAllBytes(local.resolve("log.parquet"));
        assertThat(new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--output");

        CliFixture.Result comparison = cli.run("deployments", "shadow-comparison", "fraud", "--json");
        JsonNode answer = JSON.readTree(comparison.out());
        assertThat(answer.path("compared_rows").asLong() + answer.path("primary_without_shadow").asLong()).isEqualTo(2);
        assertThat(answer.path("disagreeing_rows").asLong()).isZero();
    }
}

package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunsCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private final CliFixture cli = new CliFixture(server);
    private MlforgeClient client;
    private String experimentId;

    @BeforeEach
    void start() {
        client = cli.client();
        experimentId = client.experiments().create("sweep");
        for (int i = 0; i < 4; i++) {
            String runId = client.runs().create(new CreateRunRequest(experimentId, "ann", "trial-" + i, 1000L + i, null))
                    .info().runId();
            client.runs().logMetric(runId, "rmse", i * 0.5, 1000L, 0);
            client.runs().logParam(runId, "model", i % 2 == 0 ? "tree" : "linear");
        }
    }

    @Test
    void search_filters_orders_and_shows_metric_columns() {
        CliFixture.Result result = cli.run("runs", "search", "--experiment", "sweep",
                "--filter", "params.model = 'tree'", "--order-by", "metrics.rmse DESC");

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains("RUN ID", "NAME", "STATUS", "START TIME", "metrics.rmse");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("trial-2", "RUNNING", "1.0");
        assertThat(lines.get(2)).contains("trial-0", "0.0");
    }

    @Test
    void search_with_max_results_returns_one_page_as_json() throws Exception {
        CliFixture.Result result = cli.run("runs", "search", "--experiment", "sweep", "--order-by", "metrics.rmse ASC",
                "--max-results", "2", "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("runs")).hasSize(2);
        assertThat(json.path("runs").get(0).path("info").path("run_name").asText()).isEqualTo("trial-0");
        assertThat(json.path("next_page_token").asText()).isNotEmpty();
    }

    @Test
    void search_of_an_unknown_experiment_is_an_error() {
        CliFixture.Result result = cli.run("runs", "search", "--experiment", "nope");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().strip()).isEqualTo("error: RESOURCE_DOES_NOT_EXIST: Experiment with name 'nope' not found");
    }

    @Test
    void get_shows_info_params_and_metrics() {
        String runId = client.runs().create(new CreateRunRequest(experimentId, "bob", "shown", 5000L, null)).info().runId();
        client.runs().logParam(runId, "lr", "0.01");
        client.runs().logMetric(runId, "auc", 0.93, 6000L, 7);

        CliFixture.Result result = cli.run("runs", "get", runId);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run_id", runId, "shown", "RUNNING", "Params:", "lr", "0.01", "Metrics:", "auc",
                "0.93");
    }

    @Test
    void get_json_prints_the_run_as_the_api_returns_it() throws Exception {
        String runId = client.runs().create(new CreateRunRequest(experimentId, "bob", "as-json", 5000L, null)).info().runId();

        JsonNode json = new ObjectMapper().readTree(cli.run("runs", "get", runId, "--json").out());

        assertThat(json.path("run").path("info").path("run_id").asText()).isEqualTo(runId);
        assertThat(json.path("run").path("info").path("experiment_id").asText()).isEqualTo(experimentId);
    }

    @Test
    void get_of_an_unknown_run_prints_the_server_error() {
        CliFixture.Result result = cli.run("runs", "get", "0123456789abcdef0123456789abcdef");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).startsWith("error: RESOURCE_DOES_NOT_EXIST: ").contains("0123456789abcdef0123456789abcdef");
        assertThat(result.err().strip().lines()).hasSize(1);
    }
}

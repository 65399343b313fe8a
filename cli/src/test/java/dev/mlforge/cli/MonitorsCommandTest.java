package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlforge monitors} and {@code mlforge alerts} against a deployment that answered requests. */
class MonitorsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);

    @BeforeEach
    void deploy_and_score() throws Exception {
        DeploymentsCommandTest.registerIris(server, local);
        cli.run("deployments", "create", "iris", "--model-uri", "models:/iris/1");
        for (int i = 0; i < 3; i++) {
            assertThat(cli.run("deployments", "predict", "iris", "--data", DeploymentsCommandTest.ROW).exitCode()).isZero();
        }
        // The reference has small flowers only; the scored rows include a large one, so petal length drifts. The
        // data frame's columns reach the model stacked into its one input tensor, so the log names them input_0..3.
        StringBuilder reference = new StringBuilder("input_0,input_1,input_2,input_3\n");
        for (int i = 0; i < 40; i++) {
            reference.append(5.0 + i % 4 * 0.1).append(',').append(3.4).append(',').append(1.4 + i % 3 * 0.1).append(",0.2\n");
        }
        cli.client().datasets().register("iris-reference", Files.writeString(local.resolve("ref.csv"), reference));
    }

    @Test
    void monitors_are_created_listed_run_and_deleted() throws Exception {
        CliFixture.Result created = cli.run("monitors", "create", "--deployment", "iris", "--dataset", "iris-reference",
                "--dataset-version", "1", "--last-n", "100", "--cron", "*/5 * * * *", "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String id = JSON.readTree(created.out()).path("monitor").path("id").asText();

        CliFixture.Result list = cli.run("monitors", "list");
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow())
                .matches(id + "\\s+iris\\s+dataset iris-reference v1\\s+last 100\\s+cron \\*/5 \\* \\* \\* \\*\\s+\\S+");

        CliFixture.Result run = cli.run("monitors", "run", id);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).contains("reference_rows  40", "current_rows    6", "dataset_drift   true");
        assertThat(run.out().lines().filter(line -> line.startsWith("input_2 ")).findFirst().orElseThrow())
                .endsWith("true");

        CliFixture.Result results = cli.run("monitors", "results", id, "--json");
        assertThat(JSON.readTree(results.out()).path("results")).hasSize(1);
        assertThat(cli.run("monitors", "delete", id).out()).isEqualTo("Deleted monitor " + id + "\n");
        assertThat(cli.run("monitors", "get", id).err()).contains("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void a_rule_fires_an_alert_that_alerts_list_and_get_show() throws Exception {
        CliFixture.Result rule = cli.run("alerts", "rules", "create", "--metric", "drift_share", "--comparator", ">",
                "--threshold", "0.1", "--deployment", "iris", "--json");
        assertThat(rule.exitCode()).as(rule.err()).isZero();
        String ruleId = JSON.readTree(rule.out()).path("alert_rule").path("id").asText();
        assertThat(cli.run("alerts", "rules", "list").out().lines().skip(1).findFirst().orElseThrow())
                .matches(ruleId + "\\s+.*drift_share\\s+\\S+\\s+0\\.1\\s+1\\s+iris");
        String monitor = cli.client().monitoring().createMonitor(new dev.mlforge.api.monitoring.CreateMonitorRequest("iris",
                new dev.mlforge.api.monitoring.MonitorReferenceSpec("iris-reference", 1, null, null),
                new dev.mlforge.api.monitoring.MonitorWindowSpec(100, null), null, null, null, null)).id();

        assertThat(cli.run("alerts", "list").out().lines().toList()).hasSize(1);
        cli.run("monitors", "run", monitor);
        CliFixture.Result firing = cli.run("alerts", "list", "--state", "firing", "--json");
        JsonNode alert = JSON.readTree(firing.out()).path("alerts").path(0);
        assertThat(alert.path("rule_id").asText()).isEqualTo(ruleId);
        assertThat(alert.path("state").asText()).isEqualTo("FIRING");

        CliFixture.Result get = cli.run("alerts", "get", alert.path("id").asText());
        assertThat(get.out().lines()).contains("state       FIRING", "deployment  iris", "metric      drift_share");
        CliFixture.Result deliveries = cli.run("alerts", "deliveries", alert.path("id").asText());
        assertThat(deliveries.out().lines().skip(1).findFirst().orElseThrow()).matches("1\\s+log\\s+firing\\s+true.*");
        assertThat(cli.run("alerts", "rules", "delete", ruleId).out()).isEqualTo("Deleted alert rule " + ruleId + "\n");
    }
}

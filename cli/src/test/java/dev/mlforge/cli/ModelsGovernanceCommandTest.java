package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.tracking.Dataset;
import dev.mlforge.api.tracking.DatasetInput;
import dev.mlforge.api.tracking.InputTag;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelsGovernanceCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);
    private MlforgeClient client;
    private String runId;

    @BeforeEach
    void start() throws Exception {
        client = cli.client();
        runId = cli.runWithModel(local, run -> run.logInputs(List.of(new DatasetInput(
                List.of(new InputTag("mlflow.data.context", "training")),
                new Dataset("transactions", "d1g3st", "local", "{\"uri\":\"tx.csv\"}", null, null)))));
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");
        client.registry().setApprovalRule("churn", ApprovalRule.of(List.of("Production"), List.of("champion"), List.of()));
    }

    @Test
    void approve_applies_the_requested_change_and_reject_leaves_it_alone() throws Exception {
        CliFixture.Result request = cli.run("models", "request", "churn", "1", "--alias", "champion",
                "--comment", "best auc", "--json");
        String aliasId = new ObjectMapper().readTree(request.out()).get("id").asText();
        CliFixture.Result stage = cli.run("models", "request", "churn", "2", "--stage", "Production");
        assertThat(request.exitCode()).isZero();
        assertThat(stage.out()).contains("Requested stage Production for churn version 2", "is PENDING");
        String stageId = client.registry().transitionRequests("churn", "PENDING").stream()
                .filter(r -> r.stage() != null).findFirst().orElseThrow().id();

        CliFixture.Result pending = cli.run("models", "requests", "churn", "--status", "PENDING");
        assertThat(pending.out().lines().toList()).hasSize(3);
        assertThat(pending.out()).contains("alias champion", "stage Production", "best auc");

        CliFixture.Result rejected = cli.run("models", "reject", stageId, "--comment", "not yet");
        assertThat(rejected.out().strip()).startsWith("Rejected request " + stageId);
        assertThat(client.registry().getVersion("churn", "2").currentStage()).isEqualTo("None");

        CliFixture.Result approved = cli.run("models", "approve", aliasId, "--comment", "ok");
        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).contains("alias champion of churn now points to version 1");
        assertThat(client.registry().getVersionByAlias("churn", "champion").version()).isEqualTo("1");

        CliFixture.Result again = cli.run("models", "approve", aliasId);
        assertThat(again.exitCode()).isNotZero();
        assertThat(cli.run("models", "requests", "--status", "PENDING").out().lines().toList()).hasSize(1);
    }

    @Test
    void request_needs_exactly_one_of_stage_and_alias() {
        assertThat(cli.run("models", "request", "churn", "1").exitCode()).isNotZero();
        assertThat(cli.run("models", "request", "churn", "1", "--stage", "Staging", "--alias", "x")
                .exitCode()).isNotZero();
        CliFixture.Result help = CliFixture.runRaw("models", "request", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--stage", "--alias", "NAME", "VERSION").doesNotContain("--version", "--name");
    }

    @Test
    void every_models_command_takes_name_and_version_as_positional_arguments_and_the_old_options_still_work() {
        for (String command : List.of("verify", "history", "lineage", "request")) {
            assertThat(CliFixture.runRaw("models", command, "--help").out()).as(command).contains("NAME VERSION");
        }
        assertThat(cli.run("models", "verify", "--name", "churn", "--version", "1").out()).contains("churn version 1 is intact");
        assertThat(cli.run("models", "history", "--name", "churn", "--version", "1").exitCode()).isZero();
        assertThat(cli.run("models", "lineage", "--name", "churn", "--version", "1").out()).contains("model:churn/1");
        assertThat(cli.run("models", "requests", "--name", "churn").exitCode()).isZero();

        CliFixture.Result missing = cli.run("models", "verify", "churn");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Missing required parameter: 'VERSION'").contains("See 'mlforge models verify --help'.");
    }

    @Test
    void verify_exits_zero_when_intact_and_lists_tampered_files_otherwise() throws Exception {
        CliFixture.Result intact = cli.run("models", "verify", "churn", "1");
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.out()).contains("churn version 1 is intact (1 files)");

        try (Stream<Path> files = Files.walk(server.dataDir())) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("MLmodel")).toList()) {
                Files.writeString(file, "flavors: {}\n");
            }
        }
        CliFixture.Result tampered = cli.run("models", "verify", "churn", "1");
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out()).contains("tampered").containsPattern("modified\\s+MLmodel");
        JsonNode json = new ObjectMapper().readTree(cli.run("models", "verify", "churn", "1", "--json").out());
        assertThat(json.get("intact").asBoolean()).isFalse();
    }

    @Test
    void lineage_prints_a_tree_from_the_dataset_through_the_run_to_the_version() {
        CliFixture.Result ofVersion = cli.run("models", "lineage", "churn", "1");
        CliFixture.Result ofDataset = cli.run("models", "lineage", "--dataset", "d1g3st");

        for (CliFixture.Result result : List.of(ofVersion, ofDataset)) {
            assertThat(result.exitCode()).isZero();
            List<String> lines = result.out().lines().toList();
            assertThat(lines.get(0)).startsWith("dataset:d1g3st");
            assertThat(lines.get(1)).startsWith("  -trained-> run:" + runId);
            assertThat(lines.get(2)).startsWith("    -produced-> model:churn/1");
        }
        assertThat(cli.run("models", "lineage", "churn").exitCode()).isNotZero();
    }

    @Test
    void history_lists_the_transitions_of_a_version() throws Exception {
        cli.run("models", "transition", "churn", "1", "Staging");
        String id = client.registry().requestTransition("churn", "1", "Production", null, null).id();
        cli.run("models", "approve", id);

        CliFixture.Result history = cli.run("models", "history", "churn", "1");
        assertThat(history.exitCode()).isZero();
        assertThat(history.out()).containsPattern("None\\s+Staging").containsPattern("Staging\\s+Production");
        JsonNode json = new ObjectMapper().readTree(cli.run("models", "history", "churn", "1", "--json").out());
        assertThat(json.get("events").size()).isGreaterThanOrEqualTo(2);
    }
}

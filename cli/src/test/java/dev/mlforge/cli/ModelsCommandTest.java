package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
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
        runId = cli.runWithModel(local, run -> { });
    }

    @Test
    void register_creates_the_model_and_numbers_the_versions() {
        CliFixture.Result first = cli.run("models", "register", "churn", "--run", runId, "--path", "model");
        CliFixture.Result second = cli.run("models", "register", "churn", "--run", runId, "--path", "model");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("Registered churn version 1 from mlflow-artifacts:/");
        assertThat(second.out()).startsWith("Registered churn version 2 ");
        assertThat(client.registry().getVersion("churn", "2").runId()).isEqualTo(runId);
    }

    @Test
    void transition_and_aliases_change_what_the_server_stores() {
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");

        CliFixture.Result transition = cli.run("models", "transition", "churn", "2", "staging");
        CliFixture.Result alias = cli.run("models", "alias", "set", "churn", "champion", "1");

        assertThat(transition.out().strip()).isEqualTo("churn version 2 is now in stage Staging");
        assertThat(alias.exitCode()).isZero();
        assertThat(client.registry().getVersion("churn", "2").currentStage()).isEqualTo("Staging");
        assertThat(client.registry().getVersionByAlias("churn", "champion").version()).isEqualTo("1");

        CliFixture.Result versions = cli.run("models", "versions", "churn");
        assertThat(versions.out().lines().toList()).hasSize(3);
        assertThat(versions.out().lines().skip(1).findFirst().orElseThrow()).startsWith("2").contains("Staging", runId);
        assertThat(versions.out()).contains("champion");

        assertThat(cli.run("models", "alias", "delete", "churn", "champion").exitCode()).isZero();
        assertThat(client.registry().getModel("churn").aliases()).isNull();
    }

    @Test
    void list_and_get_show_models_as_table_and_json() throws Exception {
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");
        client.registry().createModel("fraud");

        CliFixture.Result list = cli.run("models", "list");
        JsonNode json = new ObjectMapper().readTree(cli.run("models", "get", "churn", "--json").out());

        assertThat(list.out().lines().findFirst().orElseThrow()).contains("NAME", "LATEST VERSIONS", "ALIASES");
        assertThat(list.out()).contains("churn", "1 (None)", "fraud");
        assertThat(json.path("registered_model").path("name").asText()).isEqualTo("churn");
        assertThat(json.path("registered_model").path("latest_versions").get(0).path("version").asText()).isEqualTo("1");
    }

    @Test
    void download_writes_the_version_files_into_the_destination() throws Exception {
        cli.run("models", "register", "churn", "--run", runId, "--path", "model");

        CliFixture.Result result = cli.run("models", "download", "churn", "1", "--dest", local.resolve("served").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo(local.resolve("served").toString());
        assertThat(Files.readString(local.resolve("served/MLmodel"))).contains("python_function");
    }

    @Test
    void verify_says_when_a_version_has_no_files_yet_and_exits_non_zero() {
        client.registry().createModel("late");
        client.registry().createVersion(new dev.mlforge.api.registry.CreateModelVersionRequest("late",
                "runs:/" + runId + "/not-uploaded", null, null, null, null));
        CliFixture.Result result = cli.run("models", "verify", "late", "1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("late version 1 has no files in the artifact store yet").doesNotContain("tampered");
    }

    @Test
    void unknown_model_is_one_error_line() {
        CliFixture.Result result = cli.run("models", "get", "ghost");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).startsWith("error: RESOURCE_DOES_NOT_EXIST: ");
        assertThat(result.err().strip().lines()).hasSize(1);
    }
}

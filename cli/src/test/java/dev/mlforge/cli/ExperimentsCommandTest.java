package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.testing.ClientExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExperimentsCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private final CliFixture cli = new CliFixture(server);

    @BeforeEach
    void start() {
    }

    @Test
    void create_prints_the_new_id_and_the_server_stores_the_experiment() {
        CliFixture.Result result = cli.run("experiments", "create", "churn-model");

        assertThat(result.exitCode()).isZero();
        String id = result.out().strip();
        assertThat(cli.client().experiments().get(id).name()).isEqualTo("churn-model");
    }

    @Test
    void list_prints_an_aligned_table_with_a_header() {
        cli.client().experiments().create("a-rather-long-experiment-name");
        cli.client().experiments().create("short");

        CliFixture.Result result = cli.run("experiments", "list");

        assertThat(result.exitCode()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("NAME", "STAGE", "ARTIFACT LOCATION", "CREATED");
        assertThat(result.out()).contains("a-rather-long-experiment-name", "short", "Default");
        int nameColumn = lines[0].indexOf("NAME");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i].charAt(nameColumn - 1)).isEqualTo(' ');
            assertThat(lines[i].charAt(nameColumn)).isNotEqualTo(' ');
        }
    }

    @Test
    void list_json_prints_the_api_answer() throws Exception {
        cli.client().experiments().create("json-exp");

        CliFixture.Result result = cli.run("experiments", "list", "--json", "--filter", "name = 'json-exp'");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("experiments")).hasSize(1);
        assertThat(json.path("experiments").get(0).path("name").asText()).isEqualTo("json-exp");
        assertThat(json.path("experiments").get(0).path("lifecycle_stage").asText()).isEqualTo("active");
    }

    @Test
    void delete_moves_the_experiment_to_the_deleted_view() {
        String id = cli.client().experiments().create("doomed");

        CliFixture.Result result = cli.run("experiments", "delete", id);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Deleted experiment " + id);
        assertThat(cli.client().experiments().get(id).lifecycleStage()).isEqualTo("deleted");
        assertThat(cli.run("experiments", "list").out()).doesNotContain("doomed");
        assertThat(cli.run("experiments", "list", "--view", "deleted").out()).contains("doomed");
    }

    @Test
    void duplicate_create_prints_one_error_line_and_exits_non_zero() {
        cli.client().experiments().create("twice");

        CliFixture.Result result = cli.run("experiments", "create", "twice");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).startsWith("error: RESOURCE_ALREADY_EXISTS: ");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }
}

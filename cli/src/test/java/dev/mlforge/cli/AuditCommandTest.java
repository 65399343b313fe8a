package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlforge audit list} reads the trail over HTTP; {@code mlforge audit verify --data-dir} checks a stopped
 * server's store itself and exits non-zero when a record was edited, deleted or reordered on disk.
 */
class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path empty;
    private final CliFixture cli = new CliFixture(server);

    private void createExperiments(int count) {
        for (int i = 0; i < count; i++) {
            server.client().experiments().create("audited-" + i);
        }
    }

    /** Stops the server, then edits its SQLite file as an attacker with the file would: triggers first. */
    private void stopAndTamper(String... statements) throws Exception {
        server.server().application().close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("mlforge.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER audit_records_no_update");
            statement.execute("DROP TRIGGER audit_records_no_delete");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private CliFixture.Result verify() {
        return CliFixture.runRaw("audit", "verify", "--data-dir", server.dataDir().toString());
    }

    @Test
    void mlforge_audit_builds_the_audit_command() {
        assertThat(Main.commandLine("audit").getSubcommands().get("audit").getSubcommands())
                .containsOnlyKeys("list", "verify");
    }

    @Test
    void list_prints_the_records_newest_first_as_a_table_or_json() throws Exception {
        createExperiments(3);

        CliFixture.Result table = cli.run("audit", "list", "--action", "experiments/create", "--max-results", "2");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList().get(0)).startsWith("SEQ").contains("ACTION", "RESOURCE", "REQUEST ID");
        assertThat(table.out()).contains("POST /api/2.0/mlflow/experiments/create", "name=audited-2", "name=audited-1",
                "anonymous (unauthenticated)", "More records: --page-token 2").doesNotContain("name=audited-0");

        CliFixture.Result json = cli.run("audit", "list", "--resource", "name=audited-0", "--json");
        JsonNode records = JSON.readTree(json.out()).path("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("seq").asLong()).isEqualTo(1);
    }

    @Test
    void verify_reads_an_intact_store_and_exits_zero() {
        createExperiments(3);
        server.server().application().close();

        CliFixture.Result result = verify();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Audit chain intact: 3 records checked");
    }

    @Test
    void verify_detects_an_edited_record_and_exits_non_zero() throws Exception {
        createExperiments(3);
        stopAndTamper("UPDATE audit_records SET resource = 'name=innocent' WHERE seq = 2");

        CliFixture.Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.BROKEN);
        assertThat(result.out()).contains("BROKEN at record 2").contains("edited");
    }

    @Test
    void verify_detects_a_deleted_record_and_exits_non_zero() throws Exception {
        createExperiments(3);
        stopAndTamper("DELETE FROM audit_records WHERE seq = 2");

        CliFixture.Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.BROKEN);
        assertThat(result.out()).contains("BROKEN at record 2").contains("missing");
    }

    @Test
    void verify_detects_reordered_records_and_exits_non_zero() throws Exception {
        createExperiments(3);
        stopAndTamper("UPDATE audit_records SET seq = -1 WHERE seq = 1", "UPDATE audit_records SET seq = 1 WHERE seq = 2",
                "UPDATE audit_records SET seq = 2 WHERE seq = -1");

        CliFixture.Result result = CliFixture.runRaw("audit", "verify", "--data-dir", server.dataDir().toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(AuditCommand.BROKEN);
        JsonNode verdict = JSON.readTree(result.out());
        assertThat(verdict.path("valid").asBoolean()).isFalse();
        assertThat(verdict.path("first_bad_seq").asLong()).isEqualTo(1);
    }

    @Test
    void verify_refuses_a_folder_without_a_store_and_creates_nothing() {
        CliFixture.Result result = CliFixture.runRaw("audit", "verify", "--data-dir", empty.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("No mlforge store");
        assertThat(empty.resolve("mlforge.db")).doesNotExist();
    }
}

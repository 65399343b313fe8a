package dev.mlforge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain kept by {@link JdbiAuditStore}, attacked where it lives: with the server stopped, the database is
 * edited over plain JDBC (its append-only triggers dropped first, as an attacker with the file would), and
 * verification must name the first record edited, removed or moved. Run on SQLite and on PostgreSQL.
 */
abstract class AuditChainContract {
    @TempDir
    Path dir;
    private String uri;
    private Database database;

    /** A new empty store's URI (a store Database.open accepts) in {@code dir}. */
    abstract String newStoreUri(Path dir);

    /** A plain JDBC connection to the store at {@code uri}. */
    abstract Connection connect(String uri) throws SQLException;

    /** SQL that lifts the append-only triggers, as an attacker holding the database would. */
    abstract List<String> dropAppendOnlyTriggers();

    @BeforeEach
    void createStore() throws Exception {
        uri = newStoreUri(dir);
        database = Database.open(uri, dir);
        new JdbiAuditStore(database).append(events(3, 0));
        new JdbiAuditStore(database).append(events(2, 3));
        database.close();
    }

    @AfterEach
    void closeStore() {
        if (database != null) {
            database.close();
        }
    }

    private static List<AuditEvent> events(int count, int offset) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = offset; i < offset + count; i++) {
            events.add(new AuditEvent(Instant.ofEpochMilli(1_700_000_000_000L + i), "user" + i, i % 2 == 0,
                    "POST /api/2.0/mlflow/experiments/create", "name=e" + i, "10.0.0." + i, 200, null, "req-" + i));
        }
        return events;
    }

    private AuditVerification verify() {
        database = Database.open(uri, dir);
        return Audit.verify(database);
    }

    private void tamper(String... statements) throws SQLException {
        try (Connection connection = connect(uri); Statement statement = connection.createStatement()) {
            for (String sql : dropAppendOnlyTriggers()) {
                statement.execute(sql);
            }
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void an_untouched_chain_of_two_batches_verifies() {
        AuditVerification verdict = verify();

        assertThat(verdict).isEqualTo(new AuditVerification(true, 5, null, null));
    }

    @Test
    void records_chain_from_genesis_across_batches() {
        database = Database.open(uri, dir);
        List<AuditRecordEntity> records = new JdbiAuditStore(database).after(0, 10);

        assertThat(records).extracting(AuditRecordEntity::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
        }
    }

    @Test
    void an_edited_record_is_detected_at_its_seq() throws Exception {
        tamper("UPDATE audit_records SET user_name = 'mallory' WHERE seq = 3");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBadSeq()).isEqualTo(3L);
        assertThat(verdict.reason()).contains("edited");
    }

    @Test
    void an_edited_record_whose_hash_was_recomputed_breaks_the_next_link() throws Exception {
        String forged;
        try (Connection connection = connect(uri); PreparedStatement select = connection.prepareStatement(
                "SELECT time_ms, authenticated, action, resource, source_address, status, error_code, request_id, prev_hash"
                        + " FROM audit_records WHERE seq = 3"); ResultSet row = select.executeQuery()) {
            row.next();
            AuditEvent edited = new AuditEvent(Instant.ofEpochMilli(row.getLong(1)), "mallory", row.getBoolean(2),
                    row.getString(3), row.getString(4), row.getString(5), row.getInt(6), row.getString(7), row.getString(8));
            forged = AuditChain.hash(3, edited, row.getString(9));
        }
        tamper("UPDATE audit_records SET user_name = 'mallory', hash = '" + forged + "' WHERE seq = 3");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBadSeq()).isEqualTo(4L);
        assertThat(verdict.reason()).contains("does not link");
    }

    @Test
    void a_deleted_record_is_detected() throws Exception {
        tamper("DELETE FROM audit_records WHERE seq = 2");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBadSeq()).isEqualTo(2L);
        assertThat(verdict.reason()).contains("missing");
    }

    @Test
    void records_cut_off_the_end_are_detected_by_the_chain_head() throws Exception {
        tamper("DELETE FROM audit_records WHERE seq >= 4");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.recordsChecked()).isEqualTo(3);
        assertThat(verdict.firstBadSeq()).isEqualTo(4L);
        assertThat(verdict.reason()).contains("missing");
    }

    @Test
    void reordered_records_are_detected() throws Exception {
        tamper("UPDATE audit_records SET seq = -2 WHERE seq = 2",
                "UPDATE audit_records SET seq = 2 WHERE seq = 3",
                "UPDATE audit_records SET seq = 3 WHERE seq = -2");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBadSeq()).isEqualTo(2L);
    }

    @Test
    void a_deleted_chain_head_is_detected() throws Exception {
        tamper("DELETE FROM audit_head");

        AuditVerification verdict = verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("head is missing");
    }

    @Test
    void the_store_refuses_updates_and_deletes_of_records_and_moving_the_head_back() throws Exception {
        try (Connection connection = connect(uri); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UPDATE audit_records SET user_name = 'mallory' WHERE seq = 3"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_records WHERE seq = 5"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("UPDATE audit_head SET seq = 4"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(verify().valid()).isTrue();
    }
}

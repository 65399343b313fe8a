package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V34 (names unique per workspace) on a database populated at V33: every row, reference, cascade and
 * counter survives the rebuild (SQLite) or the constraint swap (PostgreSQL); afterwards a name may be used once per
 * workspace. Run on SQLite and on the embedded PostgreSQL by the two subclasses.
 */
abstract class NamesPerWorkspaceMigrationTest {
    @TempDir
    Path folder;

    /** A JDBC URL of an empty database of the dialect, and its dialect. */
    abstract String emptyDatabase() throws Exception;

    abstract Dialect dialect();

    @Test
    void a_populated_v33_database_keeps_its_data_and_gets_names_unique_per_workspace() throws Exception {
        String url = emptyDatabase();
        // the last migration before V34, whichever number it has (V33 may belong to another change)
        MigrationVersion before = Arrays.stream(Flyway.configure().dataSource(url, null, null)
                        .locations(dialect().migrationLocation()).load().info().all())
                .map(MigrationInfo::getVersion).filter(version -> version != null && version.isNewerThan("0") && !version.isAtLeast("34"))
                .max(MigrationVersion::compareTo).orElseThrow();
        Flyway.configure().dataSource(url, null, null).locations(dialect().migrationLocation()).target(before).load().migrate();
        Jdbi v33 = Jdbi.create(url);
        v33.useHandle(this::populate);

        String storeUri = dialect() == Dialect.SQLITE ? url.substring(0, url.indexOf('?')) : url;
        try (Database database = Database.open(storeUri, folder)) {
            database.jdbi().useHandle(handle -> {
                assertThat(handle.createQuery("SELECT name || '@' || workspace FROM experiments ORDER BY experiment_id")
                        .mapTo(String.class).list()).containsExactly("Default@default", "exp@default", "exp-b@team");
                assertThat(count(handle, "SELECT COUNT(*) FROM runs")).isEqualTo(2);
                assertThat(count(handle, "SELECT COUNT(*) FROM experiment_tags")).isEqualTo(1);
                assertThat(count(handle, "SELECT COUNT(*) FROM model_versions")).isEqualTo(2);
                assertThat(count(handle, "SELECT COUNT(*) FROM registered_model_aliases")).isEqualTo(1);

                // the same names in another workspace are welcome now, in the same workspace still refused
                handle.execute("INSERT INTO experiments (name, artifact_location, creation_time, last_update_time, workspace) "
                        + "VALUES ('exp', 'x', 1, 1, 'team')");
                handle.execute("INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp, workspace) "
                        + "VALUES ('churn', 1, 1, 'team')");
                assertThatThrownBy(() -> handle.execute("INSERT INTO registered_models (name, creation_timestamp, "
                        + "last_updated_timestamp, workspace) VALUES ('churn', 1, 1, 'default')")).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("unique"));

                // ids of removed rows are not handed out again
                long experiment = handle.createQuery("SELECT MAX(experiment_id) FROM experiments").mapTo(Long.class).one();
                assertThat(experiment).isGreaterThan(3);
                long model = handle.createQuery("SELECT MAX(id) FROM registered_models").mapTo(Long.class).one();
                assertThat(model).isGreaterThan(3);

                // the references follow the rebuilt tables: a run needs its experiment, a model takes its versions along
                assertThatThrownBy(() -> handle.execute("INSERT INTO runs (run_uuid, experiment_id, name, status, "
                        + "start_time, lifecycle_stage, artifact_uri) VALUES ('orphan', 999, 'n', 'RUNNING', 1, 'active', 'u')"))
                        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("foreign key"));
                handle.execute("DELETE FROM registered_models WHERE name = 'churn' AND workspace = 'default'");
                assertThat(count(handle, "SELECT COUNT(*) FROM model_versions")).isZero();
                assertThat(count(handle, "SELECT COUNT(*) FROM registered_model_aliases")).isZero();
            });
        }
    }

    private void populate(Handle handle) {
        handle.execute("INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time, "
                + "workspace) VALUES (1, 'exp', 'mlflow-artifacts:/1', 1, 1, 'default'), (2, 'exp-b', 'mlflow-artifacts:/2', 1, 1, "
                + "'team'), (3, 'purged', 'mlflow-artifacts:/3', 1, 1, 'default')");
        handle.execute("INSERT INTO workspaces (name, created_at) VALUES ('team', 1)");
        handle.execute("INSERT INTO experiment_tags (experiment_id, key, value) VALUES (1, 'k', 'v')");
        handle.execute("INSERT INTO runs (run_uuid, experiment_id, name, status, start_time, lifecycle_stage, artifact_uri) "
                + "VALUES ('r1', 1, 'one', 'FINISHED', 1, 'active', 'u1'), ('r2', 2, 'two', 'FINISHED', 1, 'active', 'u2')");
        handle.execute("DELETE FROM experiments WHERE experiment_id = 3");
        handle.execute("INSERT INTO registered_models (id, name, creation_timestamp, last_updated_timestamp, last_version) "
                + "VALUES (1, 'churn', 1, 1, 2), (2, 'gone', 1, 1, 0), (3, 'gone-too', 1, 1, 0)");
        handle.execute("INSERT INTO model_versions (model_id, version, creation_timestamp, last_updated_timestamp, "
                + "current_stage, source, storage_path, status) VALUES (1, 1, 1, 1, 'None', 's', 'p', 'READY'), "
                + "(1, 2, 1, 1, 'None', 's', 'p', 'READY')");
        handle.execute("INSERT INTO registered_model_aliases (model_id, alias, version) VALUES (1, 'champion', 2)");
        handle.execute("DELETE FROM registered_models WHERE id IN (2, 3)");
        if (dialect() == Dialect.POSTGRESQL) {
            // explicit ids do not move PostgreSQL's sequences: do what the server's inserts would have done
            handle.execute("SELECT setval(pg_get_serial_sequence('experiments', 'experiment_id'), 3)");
            handle.execute("SELECT setval(pg_get_serial_sequence('registered_models', 'id'), 3)");
        }
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}

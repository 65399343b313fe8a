package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V38 on SQLite: a database at V37 with folded points in {@code metrics} and staged points in
 * {@code metric_log} (one of them also folded, one of a series only the log has) keeps every point once, reads the
 * same history through the compact history, recovers the latest values of the staged points, and folds them.
 */
class MetricSeriesMigrationTest {
    private static final String RUN = "r1";

    @Test
    void a_v37_database_keeps_every_point_once_through_the_compact_history(@TempDir Path folder) throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("v37.db");
        Flyway.configure().dataSource(url, null, null).locations(Dialect.SQLITE.migrationLocation()).target("37").load()
                .migrate();
        Jdbi.create(url).useHandle(handle -> {
            handle.execute("INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, "
                    + "last_update_time) VALUES (1, 'exp', 'a', 1, 1)");
            handle.execute("INSERT INTO runs (run_uuid, experiment_id, name, status, start_time, lifecycle_stage, "
                    + "artifact_uri) VALUES ('r1', 1, 'one', 'RUNNING', 1, 'active', 'u1')");
            handle.execute("INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan) VALUES "
                    + "('r1', 'loss', 0, 10, 0.9, 0), ('r1', 'loss', 1, 11, 0.7, 0), ('r1', 'acc', 0, 10, 0, 1)");
            handle.execute("INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan) VALUES "
                    + "('r1', 'loss', 1, 11, 0.7, 0), ('r1', 'acc', 0, 10, 0, 1)");
            handle.execute("INSERT INTO metric_log (run_uuid, key, step, timestamp, value, is_nan) VALUES "
                    + "('r1', 'loss', 1, 11, 0.7, 0), ('r1', 'loss', 2, 12, 0.5, 0), ('r1', 'lr', 5, 15, 0.01, 0)");
        });

        try (Database database = Database.open("sqlite:" + folder.resolve("v37.db"), folder)) {
            MetricLog metricLog = new MetricLog(database);
            JdbiTrackingStore store = new JdbiTrackingStore(database, metricLog);
            List<MetricEntity> loss = List.of(new MetricEntity("loss", 0.9, 10, 0), new MetricEntity("loss", 0.7, 11, 1),
                    new MetricEntity("loss", 0.5, 12, 2));
            assertThat(store.metricHistory(RUN, "loss", 0, 100)).containsExactlyElementsOf(loss);
            assertThat(store.metricHistory(RUN, "lr", 0, 100)).containsExactly(new MetricEntity("lr", 0.01, 15, 5));
            assertThat(store.metricHistory(RUN, "acc", 0, 100)).hasSize(1)
                    .allSatisfy(point -> assertThat(point.value()).isNaN());
            assertThat(count(database, "SELECT count(*) FROM metric_series")).isEqualTo(3);

            metricLog.catchUpLatest();
            List<String> latest = database.read(handle -> handle.createQuery("SELECT key || '=' || value "
                    + "FROM latest_metrics WHERE run_uuid = 'r1' ORDER BY key").mapTo(String.class).list());
            assertThat(latest).containsExactly("acc=0.0", "loss=0.5", "lr=0.01");

            assertThat(metricLog.fold()).isEqualTo(3);
            assertThat(count(database, "SELECT count(*) FROM metric_log")).isZero();
            assertThat(count(database, "SELECT count(*) FROM metric_history")).isEqualTo(5);
            assertThat(store.metricHistory(RUN, "loss", 0, 100)).containsExactlyElementsOf(loss);

            // a new point of a migrated series and of a new one: the ids come from the table, then from the cache
            store.logBatch(RUN, List.of(new MetricEntity("loss", 0.4, 13, 3), new MetricEntity("f1", 0.8, 13, 3)),
                    List.of(), List.of());
            store.logBatch(RUN, List.of(new MetricEntity("f1", 0.9, 14, 4)), List.of(), List.of());
            metricLog.fold();
            assertThat(store.metricHistory(RUN, "loss", 0, 100)).hasSize(4).last()
                    .isEqualTo(new MetricEntity("loss", 0.4, 13, 3));
            assertThat(store.metricHistory(RUN, "f1", 0, 100)).containsExactly(new MetricEntity("f1", 0.8, 13, 3),
                    new MetricEntity("f1", 0.9, 14, 4));
            assertThat(count(database, "SELECT count(*) FROM metric_series")).isEqualTo(4);
        }
    }

    private static long count(Database database, String sql) {
        return database.read(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}

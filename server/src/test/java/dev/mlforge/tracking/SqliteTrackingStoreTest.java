package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteTrackingStoreTest extends TrackingStoreContract {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

    @Override
    Database database() {
        return db.database();
    }

    @Test
    void planner_statistics_are_collected_for_search() {
        int statisticsTables = db.database().read(handle -> handle.createQuery(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").mapTo(Integer.class).one());
        assertThat(statisticsTables).isEqualTo(1);
    }

    @Test
    void an_index_without_planner_statistics_gets_them_when_the_store_opens() {
        service.createRun(experimentId, "alice", "stats", null, java.util.List.of());
        db.database().analyze(java.util.List.of("runs"));
        db.database().write(handle -> handle.execute("DELETE FROM sqlite_stat1 WHERE idx = 'runs_experiment_name'"));

        new JdbiTrackingStore(db.database());

        int rows = db.database().read(handle -> handle.createQuery(
                "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'runs_experiment_name'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }
}

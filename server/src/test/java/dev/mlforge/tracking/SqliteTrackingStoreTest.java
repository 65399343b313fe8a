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
}

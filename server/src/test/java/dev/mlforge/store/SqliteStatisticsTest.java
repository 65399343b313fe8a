package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fresh planner statistics reach pooled connections opened before the ANALYZE. */
class SqliteStatisticsTest {
    private static final String QUERY = "EXPLAIN QUERY PLAN SELECT * FROM items WHERE kind = 1 AND rank > 1990";

    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

    @Test
    void after_analyze_every_pooled_connection_plans_with_the_new_statistics() {
        Database database = db.database();
        database.write(handle -> {
            handle.execute("CREATE TABLE items (kind INTEGER, rank INTEGER)");
            handle.execute("CREATE INDEX items_kind ON items (kind)");
            handle.execute("CREATE INDEX items_rank ON items (rank)");
            handle.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
                    + "INSERT INTO items SELECT i, i FROM n");
            return null;
        });
        database.analyze(List.of("items"));
        // Every kind is distinct, so the equality is the selective condition; three pooled connections load that.
        assertThat(plansOnThreeConnections(database)).allSatisfy(plan -> assertThat(plan).contains("items_kind"));

        database.write(handle -> handle.execute("UPDATE items SET kind = 1"));
        database.analyze(List.of("items"));

        // Every row has kind 1 now: only the range on rank narrows the search, on whichever connection plans it.
        assertThat(plansOnThreeConnections(database)).allSatisfy(plan -> assertThat(plan).contains("items_rank"));
    }

    /** Opens three pooled connections at once (Jdbi would reuse one handle for nested calls on a thread). */
    private static List<String> plansOnThreeConnections(Database database) {
        List<Handle> handles = Stream.generate(() -> database.jdbi().open()).limit(3).toList();
        try {
            return handles.stream().map(SqliteStatisticsTest::plan).toList();
        } finally {
            handles.forEach(Handle::close);
        }
    }

    private static String plan(Handle handle) {
        return String.join("\n", handle.createQuery(QUERY).map((rs, ctx) -> rs.getString("detail")).list());
    }
}

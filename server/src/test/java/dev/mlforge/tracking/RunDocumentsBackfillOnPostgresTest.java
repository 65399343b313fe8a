package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V27 on a PostgreSQL database that already holds runs: it fills each run's params and tags documents from
 * the rows written before it, so that equality filters (now containment tests on the documents) still find them, and
 * later writes extend the filled documents.
 */
class RunDocumentsBackfillOnPostgresTest {
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final String C = "c".repeat(32);

    @Test
    void runs_written_before_the_migration_are_found_by_param_and_tag_equality_after_it() throws SQLException {
        String url = TestDatabases.newPostgresDatabase();
        Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration/postgresql")
                .target("23").load().migrate();
        String longValue = "z".repeat(250);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) "
                    + "VALUES (7, 'old', 'mlflow-artifacts:/7', 1, 1)");
            for (String run : List.of(A, B, C)) {
                statement.execute("INSERT INTO runs (run_uuid, experiment_id, name, status, start_time, artifact_uri) VALUES ('"
                        + run + "', 7, 'run-" + run.charAt(0) + "', 'FINISHED', 1000, 'mlflow-artifacts:/7/" + run + "/artifacts')");
            }
            statement.execute(("INSERT INTO params (run_uuid, key, value) VALUES ('A', 'lr', '0.1'), ('A', 'model', '"
                    + longValue + "'), ('B', 'lr', '0.1'), ('B', 'model', 'tree'), ('C', 'lr', '0.2')").replace("'A'", "'" + A + "'")
                    .replace("'B'", "'" + B + "'").replace("'C'", "'" + C + "'"));
            statement.execute(("INSERT INTO tags (run_uuid, key, value) VALUES ('A', 'team', 'red'), ('B', 'team', 'blue'), "
                    + "('C', 'team', 'red')").replace("'A'", "'" + A + "'").replace("'B'", "'" + B + "'").replace("'C'", "'" + C + "'"));
        }
        Database database = Database.open(url, null);
        try {
            TrackingService service = new TrackingService(new JdbiTrackingStore(database), Clock.systemUTC(), new Random());
            assertThat(search(service, "params.lr = '0.1'")).containsExactlyInAnyOrder(A, B);
            assertThat(search(service, "params.lr = '0.1' and tags.team = 'red'")).containsExactly(A);
            assertThat(search(service, "params.model = '" + longValue + "'")).containsExactly(A);
            assertThat(search(service, "tags.team = 'red' and params.lr = '0.2'")).containsExactly(C);

            service.logParam(C, new ParamEntity("model", "tree"));
            service.setTag(B, new Tag("team", "red"));
            assertThat(search(service, "params.model = 'tree' and tags.team = 'red'")).containsExactlyInAnyOrder(B, C);
            assertThat(search(service, "params.lr = '0.2' and params.model = 'tree'")).containsExactly(C);
        } finally {
            database.close();
        }
    }

    private static List<String> search(TrackingService service, String filter) {
        return service.searchRuns(List.of("7"), filter, null, null, List.of(), null).items().stream()
                .map(run -> run.info().runId()).toList();
    }
}

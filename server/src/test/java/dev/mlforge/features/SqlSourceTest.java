package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A feature view whose source is a SQL query on the backend store (SQLite here, PostgreSQL in
 * {@link SqlSourceOnPostgresTest}): materialized, joined into a training set, and refused when it would read a table
 * the operator did not list, write, or run a second statement.
 */
class SqlSourceTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("features.sql-source-tables", "driver_events");

    @Test
    void a_query_source_is_materialized_joined_and_confined_to_the_listed_tables() {
        run(server, "TEXT");
    }

    static void run(ApplicationExtension server, String timestampType) {
        server.application().database().write(handle -> {
            handle.execute("CREATE TABLE driver_events (driver_id BIGINT, event_timestamp " + timestampType
                    + ", conv_rate DOUBLE PRECISION, trips BIGINT, note TEXT)");
            handle.execute("""
                    INSERT INTO driver_events VALUES (1001, '2024-01-01T00:00:00Z', 0.5, 10, 'a, "quoted" note'),
                    (1001, '2024-01-02T00:00:00Z', 0.625, 11, NULL), (1002, '2024-01-01T12:00:00Z', 0.75, 20, 'x'),
                    (1002, '2024-01-03T00:00:00Z', 0.0, 0, 'dropped by the WHERE'), (1003, '2999-01-01T00:00:00Z', 0.875, 30, 'future')""");
            return null;
        });
        TestHttp http = server.http();
        String query = "SELECT driver_id, event_timestamp, conv_rate, trips, note FROM driver_events WHERE trips > 0";
        http.post("/api/v1/features/apply", definitions(query)).json(200);
        assertThat(http.get("/api/v1/feature-views/driver_stats").json(200).path("feature_view").path("source")
                .path("query").asText()).isEqualTo(query);

        JsonNode state = http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200).path("materialization");
        assertThat(state.path("rows_written").asLong()).isEqualTo(2);
        JsonNode online = http.post("/get-online-features", Map.of("features", List.of("driver_stats:conv_rate",
                "driver_stats:trips"), "entities", Map.of("driver_id", List.of(1001, 1002, 1003)))).json(200);
        assertThat(online.path("results").get(1).path("values").toString()).isEqualTo("[0.625,0.75,null]");
        assertThat(online.path("results").get(2).path("values").toString()).isEqualTo("[11,20,null]");

        http.post("/api/v1/feature-views/training-set", Map.of("dataset_name", "sql_train", "features",
                List.of("driver_stats:conv_rate", "driver_stats:note"), "entity_rows", List.of(
                        Map.of("driver_id", 1001, "event_timestamp", "2024-01-01T12:00:00Z"),
                        Map.of("driver_id", 1002, "event_timestamp", "2024-01-05T00:00:00Z")))).json(201);
        String content = http.get("/api/v1/datasets/sql_train/versions/1/content").body();
        // the entity columns come first (in the order the request's rows name them), then the features
        assertThat(content.lines()).anySatisfy(line -> assertThat(line).contains("1001").contains("2024-01-01 12:00:00")
                .endsWith(",0.5,\"a, \"\"quoted\"\" note\""));
        assertThat(content.lines()).anySatisfy(line -> assertThat(line).contains("1002").endsWith(",0.75,x"));

        assertRefused(http, "SELECT u.id AS driver_id, 0 AS event_timestamp, 0.0 AS conv_rate, 0 AS trips, '' AS note "
                + "FROM driver_events e JOIN auth_users u ON u.id = e.driver_id", "auth_users");
        assertRefused(http, "SELECT * FROM driver_events WHERE driver_id IN (SELECT 1 FROM feature_definitions)",
                "feature_definitions");
        assertRefused(http, "SELECT * FROM driver_events; DELETE FROM driver_events", "single SELECT");
        assertRefused(http, "DELETE FROM driver_events", "single SELECT");
        assertRefused(http, "SELECT * FROM driver_events -- trailing", "single SELECT");
        assertRefused(http, "SELECT pg_read_file('/etc/passwd') AS note, * FROM driver_events", "function");
        int rows = server.application().database().read(handle -> handle.createQuery("SELECT COUNT(*) FROM driver_events")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(5);
    }

    private static void assertRefused(TestHttp http, String query, String reason) {
        TestHttp.Response response = http.post("/api/v1/features/apply", definitions(query));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(reason);
    }

    private static Map<String, Object> definitions(String query) {
        return Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "driver_stats", "entities", List.of("driver"),
                        "source", Map.of("query", query), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "conv_rate", "dtype", "Float64"), Map.of("name", "trips", "dtype", "Int64"),
                                Map.of("name", "note", "dtype", "String")))));
    }
}

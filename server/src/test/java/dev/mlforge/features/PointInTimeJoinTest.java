package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training sets against a naive reference written here, independently of the engine: for each entity row, scan every
 * feature row of its key, keep those at or before its time (and within the TTL), take the latest, the later row in
 * the file on a tie. The data is built to hit the edges: ties with the entity time, corrections at the same time,
 * rows out of order and late in the file, TTL boundaries to the second, keys with no rows, duplicate entity rows.
 */
class PointInTimeJoinTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    private static final long TTL = 600;

    /** One feature row as the file holds it: its position in the file, key, time (epoch s) and values. */
    record FeatureRow(int index, int key, long time, long a, double b, String s) {}

    record EntityRow(int key, long time, String label) {}

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void training_sets_match_the_naive_reference_on_tricky_timestamps(String format) throws Exception {
        Random random = new Random(17);
        List<FeatureRow> fast = rows(random, 3000, 40, 7200);
        List<FeatureRow> slow = rows(random, 400, 30, 7200);
        Path data = server.dataDir();
        writeFeatures(data.resolve("features/fast.csv"), fast);
        writeFeatures(data.resolve("features/slow.csv"), slow);
        List<EntityRow> entities = entityRows(random, fast);
        writeEntities(data.resolve("features/entities.csv"), entities);
        if (format.equals("parquet")) { // the engine reads Parquet in place, CSV through a table: both must agree
            for (String name : List.of("fast", "slow", "entities")) {
                toParquet(data.resolve("features/" + name + ".csv"), data.resolve("features/" + name + ".parquet"));
            }
        }

        TestHttp http = server.http();
        http.post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(
                        view("fast", "features/fast." + format, TTL, List.of(Map.of("name", "a", "dtype", "Int64"),
                                Map.of("name", "b", "dtype", "Float64"))),
                        view("slow", "features/slow." + format, 0, List.of(Map.of("name", "s", "dtype", "String")))))).json(200);

        JsonNode created = http.post("/api/v1/feature-views/training-set", Map.of("dataset_name", "train",
                "features", List.of("fast:a", "fast:b", "slow:s"), "entity_path", "features/entities." + format)).json(201);
        assertThat(created.path("dataset_version").path("row_count").asLong()).isEqualTo(entities.size());
        List<Map<String, String>> joined = csv(http.get("/api/v1/datasets/train/versions/1/content").body());

        assertThat(joined).hasSize(entities.size());
        int present = 0;
        for (int i = 0; i < entities.size(); i++) {
            EntityRow entity = entities.get(i);
            FeatureRow expectedFast = reference(fast, entity, TTL);
            FeatureRow expectedSlow = reference(slow, entity, 0);
            Map<String, String> row = joined.get(i);
            String where = "entity row " + i + " " + entity;
            assertThat(row.get("driver_id")).as(where).isEqualTo(Integer.toString(entity.key()));
            assertThat(row.get("label")).as(where).isEqualTo(entity.label());
            assertThat(row.get("a")).as(where).isEqualTo(expectedFast == null ? "" : Long.toString(expectedFast.a()));
            assertThat(row.get("b").isEmpty() ? null : Double.parseDouble(row.get("b"))).as(where)
                    .isEqualTo(expectedFast == null ? null : expectedFast.b());
            assertThat(row.get("s")).as(where).isEqualTo(expectedSlow == null ? "" : expectedSlow.s());
            present += expectedFast == null ? 0 : 1;
        }
        // the data exercises both sides of every edge
        assertThat(present).isBetween(entities.size() / 4, entities.size() - 50);
    }

    @Test
    void a_small_hand_made_case_reads_as_its_golden_file() throws IOException {
        Path data = server.dataDir();
        FeatureStoreRoutesTest.write(data.resolve("features/drivers.csv"), """
                driver_id,event_timestamp,conv_rate
                1,2024-01-01T10:00:00Z,0.1
                1,2024-01-01T11:00:00Z,0.2
                1,2024-01-01T11:00:00Z,0.3
                1,2024-01-01T09:00:00Z,0.05
                2,2024-01-01T10:30:00Z,0.9
                1,2024-01-01T12:00:01Z,0.4
                """);
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(view("stats", "features/drivers.csv", 3600,
                        List.of(Map.of("name", "conv_rate", "dtype", "Float64")))))).json(200);
        List<Map<String, Object>> rows = List.of(
                row(1, "2024-01-01T09:59:59Z"),  // before the 10:00 row: the 09:00 row, late in the file
                row(1, "2024-01-01T10:00:00Z"),  // a tie with the entity time: included
                row(1, "2024-01-01T11:00:00Z"),  // two rows at 11:00: the later one in the file (0.3)
                row(1, "2024-01-01T12:00:00Z"),  // TTL edge: 11:00 is exactly one hour old, included; 12:00:01 is after
                row(1, "2024-01-01T12:00:02Z"),  // 12:00:01 (0.4)
                row(2, "2024-01-01T11:30:01Z"),  // one second beyond the TTL: empty
                row(3, "2024-01-01T11:00:00Z")); // no rows for the key
        JsonNode created = http.post("/api/v1/feature-views/training-set", Map.of("dataset_name", "small",
                "feature_service", "x", "entity_rows", rows)).json(404);
        assertThat(created.path("message").asText()).contains("Feature service 'x'");
        http.post("/api/v1/feature-views/training-set", Map.of("dataset_name", "small", "features", List.of("stats"),
                "entity_rows", rows, "full_feature_names", true)).json(201);
        new GoldenText().assertMatches("features/training_set_small.csv",
                http.get("/api/v1/datasets/small/versions/1/content").body().stripTrailing());
    }

    @Test
    void bad_training_set_requests_are_400s() throws IOException {
        FeatureStoreRoutesTest.write(server.dataDir().resolve("features/drivers.csv"), FeatureStoreRoutesTest.DRIVERS);
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(0)).json(200);
        List<Map<String, Object>> rows = List.of(row(1001, "2024-01-05T00:00:00Z"));
        assertBad(http, Map.of("features", List.of("driver_stats:trips"), "entity_rows", rows), "'dataset_name'");
        assertBad(http, Map.of("dataset_name", "t", "features", List.of("driver_stats:trips")), "exactly one of");
        assertBad(http, Map.of("dataset_name", "t", "features", List.of("driver_stats:trips"), "entity_rows",
                List.of(Map.of("driver_id", 1))), "'event_timestamp'");
        assertBad(http, Map.of("dataset_name", "t", "features", List.of("driver_stats:trips"), "entity_rows",
                List.of(Map.of("rider", 1, "event_timestamp", "2024-01-01"))), "'driver_id'");
        assertBad(http, Map.of("dataset_name", "t", "features", List.of("driver_stats:trips"), "entity_path",
                "/etc/passwd"), "outside");
        assertBad(http, Map.of("dataset_name", "t", "features", List.of("driver_stats:trips", "driver_stats:trips2"),
                "entity_rows", rows), "no feature 'trips2'");
        assertThat(http.get("/api/v1/datasets/t/versions").status()).isEqualTo(404);
    }

    private static void assertBad(TestHttp http, Object request, String mentioning) {
        TestHttp.Response response = http.post("/api/v1/feature-views/training-set", request);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains(mentioning);
    }

    private static Map<String, Object> row(int key, String time) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("driver_id", key);
        row.put("event_timestamp", time);
        return row;
    }

    static Map<String, Object> view(String name, String path, long ttl, List<Map<String, String>> features) {
        return Map.of("name", name, "entities", List.of("driver"), "source", Map.of("path", path),
                "timestamp_field", "event_timestamp", "ttl", ttl, "features", features);
    }

    /** The naive reference: the latest row of the key at or before the entity time, within the TTL; later in file wins ties. */
    static FeatureRow reference(List<FeatureRow> rows, EntityRow entity, long ttl) {
        FeatureRow best = null;
        for (FeatureRow row : rows) {
            boolean eligible = row.key() == entity.key() && row.time() <= entity.time()
                    && (ttl == 0 || row.time() >= entity.time() - ttl);
            if (eligible && (best == null || row.time() > best.time() || (row.time() == best.time() && row.index() > best.index()))) {
                best = row;
            }
        }
        return best;
    }

    /** Rows in file order: times drawn out of order, every tenth a correction at an existing time, a late tail. */
    private static List<FeatureRow> rows(Random random, int count, int keys, int span) {
        List<FeatureRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int key = 1 + random.nextInt(keys);
            long time = BASE + random.nextInt(span);
            if (i % 10 == 9) {
                FeatureRow earlier = rows.get(random.nextInt(rows.size()));
                key = earlier.key();
                time = earlier.time();
            }
            rows.add(new FeatureRow(i, key, time, i, i / 4.0, "r" + i));
        }
        return rows;
    }

    /** Entity rows on the edges of the fast view's rows (equal, a second before, TTL and TTL + 1 after), some random. */
    private static List<EntityRow> entityRows(Random random, List<FeatureRow> fast) {
        List<EntityRow> rows = new ArrayList<>();
        long[] offsets = {0, -1, TTL, TTL + 1, 1};
        for (int i = 0; i < 600; i++) {
            FeatureRow near = fast.get(random.nextInt(fast.size()));
            long time = i % 6 == 5 ? BASE + random.nextInt(9000) - 600 : near.time() + offsets[i % 5];
            int key = i % 17 == 0 ? 41 + random.nextInt(5) : near.key();
            rows.add(new EntityRow(key, time, "l" + i));
        }
        rows.add(rows.get(3));
        Collections.shuffle(rows, random);
        return rows;
    }

    private static void writeFeatures(Path file, List<FeatureRow> rows) throws IOException {
        StringBuilder text = new StringBuilder("driver_id,event_timestamp,a,b,s\n");
        rows.forEach(row -> text.append(row.key()).append(',').append(Instant.ofEpochSecond(row.time())).append(',')
                .append(row.a()).append(',').append(row.b()).append(',').append(row.s()).append('\n'));
        FeatureStoreRoutesTest.write(file, text.toString());
    }

    private static void writeEntities(Path file, List<EntityRow> rows) throws IOException {
        StringBuilder text = new StringBuilder("driver_id,event_timestamp,label\n");
        rows.forEach(row -> text.append(row.key()).append(',').append(Instant.ofEpochSecond(row.time())).append(',')
                .append(row.label()).append('\n'));
        FeatureStoreRoutesTest.write(file, text.toString());
    }

    /** Rewrites a CSV file as Parquet with DuckDB, keeping its row order (it decides which correction wins). */
    private static void toParquet(Path csv, Path parquet) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + parquet + "' (FORMAT parquet)");
        }
    }

    private static List<Map<String, String>> csv(String text) {
        String[] lines = text.split("\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }
}

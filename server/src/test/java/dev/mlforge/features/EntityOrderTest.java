package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order a training set states (docs/features.md): the entity rows' own, also for a Parquet entity file of many row
 * groups scanned by several threads into a Parquet output, the path the 10,000,000-row benchmark times. Every row is
 * checked, in position, against a naive reference: the latest view row of its key at or before its time, within the TTL.
 */
class EntityOrderTest {
    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    private static final long TTL = 10_000;
    private static final int ENTITY_ROWS = 200_000;
    private static final int KEYS = 2000;

    record ViewRow(long time, double x) {}

    @TempDir
    Path dir;

    @Test
    void a_parquet_training_set_keeps_the_entity_rows_order_across_row_groups_and_threads() throws Exception {
        Random random = new Random(29);
        Map<Integer, List<ViewRow>> view = new HashMap<>();
        Path viewFile = dir.resolve("view.csv");
        try (BufferedWriter out = Files.newBufferedWriter(viewFile)) {
            out.write("driver_id,event_timestamp,x\n");
            for (int key = 0; key < KEYS; key++) {
                for (int i = 0; i < 5; i++) { // distinct times per key: ties are PointInTimeJoinTest's subject
                    ViewRow row = new ViewRow(BASE + i * 20_000L + random.nextInt(20_000), random.nextDouble());
                    view.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                    out.write(key + "," + Instant.ofEpochSecond(row.time()) + "," + row.x() + "\n");
                }
            }
        }
        int[] keys = new int[ENTITY_ROWS];
        long[] times = new long[ENTITY_ROWS];
        Path entityCsv = dir.resolve("entities.csv");
        try (BufferedWriter out = Files.newBufferedWriter(entityCsv)) {
            out.write("driver_id,event_timestamp,label\n");
            for (int i = 0; i < ENTITY_ROWS; i++) {
                keys[i] = random.nextInt(KEYS + KEYS / 20); // some keys have no view rows
                times[i] = BASE - 3600 + random.nextInt(110_000);
                out.write(keys[i] + "," + Instant.ofEpochSecond(times[i]) + "," + i + "\n");
            }
        }
        Path entities = dir.resolve("entities.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + entityCsv + "', header = true)) TO '" + entities
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
        }
        FeatureField x = new FeatureField("x", "Float64");
        FeatureView stats = new FeatureView("stats", List.of("driver"), List.of(x), new FeatureSource(null, null, "view.csv"),
                "event_timestamp", TTL, true, "", 1, 0);
        Path output = dir.resolve("joined.parquet");

        long written = new OfflineEngine(dir.resolve("tmp")).pointInTimeJoin(entities, "event_timestamp",
                List.of(new OfflineEngine.ViewJoin(stats, List.of("driver_id"), List.of(x), viewFile)), false, output, true);

        assertThat(written).isEqualTo(ENTITY_ROWS);
        int present = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT label, driver_id, x FROM read_parquet('" + output + "')")) {
            for (int i = 0; i < ENTITY_ROWS; i++) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong("label")).as("row %d", i).isEqualTo(i);
                assertThat(rows.getInt("driver_id")).as("row %d", i).isEqualTo(keys[i]);
                Double expected = reference(view.getOrDefault(keys[i], List.of()), times[i]);
                assertThat(value(rows)).as("row %d", i).isEqualTo(expected);
                present += expected == null ? 0 : 1;
            }
            assertThat(rows.next()).isFalse();
        }
        assertThat(present).isBetween(ENTITY_ROWS / 4, ENTITY_ROWS * 3 / 4); // both sides of the TTL and of missing keys
    }

    private static Double value(ResultSet rows) throws SQLException {
        double value = rows.getDouble("x");
        return rows.wasNull() ? null : value;
    }

    /** The latest row at or before {@code time} and no older than the TTL, or null. */
    private static Double reference(List<ViewRow> rows, long time) {
        ViewRow best = null;
        for (ViewRow row : rows) {
            if (row.time() <= time && row.time() >= time - TTL && (best == null || row.time() > best.time())) {
                best = row;
            }
        }
        return best == null ? null : best.x();
    }
}

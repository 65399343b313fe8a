package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.cluster.Cluster;
import dev.mlforge.cluster.ClusterConfig;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled materialization with a clock the test moves: due views run once per interval, incrementally, and two
 * servers sharing a PostgreSQL store materialize each occurrence once (the lease), never both.
 */
class MaterializationScheduleTest {
    @RegisterExtension
    static final TestDatabases sqlite = TestDatabases.sqlite();
    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.postgres();

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-02T00:00:00Z"));

    @TempDir
    Path dataDir;

    private Features server(Database database, String name) {
        return new Features(database, null, dataDir, clock, "embedded", null,
                Cluster.open(database, ClusterConfig.DEFAULT, clock, name), INTERVAL);
    }

    @Test
    void a_view_is_materialized_when_due_and_then_only_its_newer_rows_once_an_interval_passed() throws Exception {
        Path source = writeSource("1,2024-01-01T10:00:00Z,0.5\n2,2024-01-01T11:00:00Z,0.7\n");
        try (Features features = server(sqlite.database(), "one")) {
            apply(features, "drivers_one");
            assertThat(features.materializeDue()).containsExactly("drivers_one");
            assertThat(features.materializer().state("drivers_one").orElseThrow().rowsWritten()).isEqualTo(2);
            assertThat(features.materializeDue()).as("just ran").isEmpty();

            Files.writeString(source, "1,2024-01-01T23:00:00Z,0.9\n", java.nio.file.StandardOpenOption.APPEND);
            clock.advance(INTERVAL.minusSeconds(1));
            assertThat(features.materializeDue()).as("one second early").isEmpty();
            assertThat(conversion(features, "drivers_one", 1)).isEqualTo(0.5);
            clock.advance(Duration.ofSeconds(1));
            assertThat(features.materializeDue()).containsExactly("drivers_one");
            assertThat(features.materializer().state("drivers_one").orElseThrow().rowsWritten()).as("incremental").isEqualTo(1);
            assertThat(conversion(features, "drivers_one", 1)).isEqualTo(0.9);
        }
    }

    @Test
    void two_servers_sharing_the_store_materialize_each_occurrence_once() throws Exception {
        writeSource("1,2024-01-01T10:00:00Z,0.5\n");
        Database database = postgres.database();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Features a = server(database, "a"); Features b = server(database, "b")) {
            apply(a, "drivers_two");
            for (int occurrence = 0; occurrence < 4; occurrence++) {
                List<Callable<List<String>>> both = List.of(a::materializeDue, b::materializeDue);
                int runs = 0;
                for (Future<List<String>> ran : threads.invokeAll(both)) {
                    runs += ran.get().size();
                }
                assertThat(runs).as("occurrence " + occurrence).isEqualTo(1);
                assertThat(a.materializeDue()).isEmpty();
                assertThat(b.materializeDue()).isEmpty();
                clock.advance(INTERVAL);
            }
            // while one server holds the view's lease, the other leaves the due view alone
            try (Cluster other = Cluster.open(database, ClusterConfig.DEFAULT, clock, "c");
                    Cluster.Hold held = other.hold("features:materialize:drivers_two").orElseThrow()) {
                assertThat(a.materializeDue()).isEmpty();
            }
            assertThat(a.materializeDue()).containsExactly("drivers_two");
        } finally {
            threads.shutdownNow();
        }
    }

    private Path writeSource(String rows) throws Exception {
        Path source = dataDir.resolve("features/drivers.csv");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "driver_id,event_timestamp,conv_rate\n" + rows);
        return source;
    }

    private static void apply(Features features, String view) {
        features.catalog().apply(Json.mapper().valueToTree(Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", view, "entities", List.of("driver"), "source",
                        Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "conv_rate", "dtype", "Float64")))))));
    }

    private static double conversion(Features features, String view, int driver) {
        JsonNode answer = features.online().get(Json.mapper().valueToTree(Map.of("features", List.of(view + ":conv_rate"),
                "entities", Map.of("driver_id", List.of(driver)))));
        return answer.path("results").get(1).path("values").get(0).asDouble();
    }
}

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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL store, each with its in-process caches: definitions one applies reach the other's
 * cached resolutions once it follows the definitions' generation, and when one materializes a view the other drops the
 * online values it cached of that view once it follows the materializations (what its poller does at the cluster's
 * interval for both), instead of serving the old ones until its cache expires.
 */
class FeatureCachesAcrossServersTest {
    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.postgres();

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-02T00:00:00Z"));

    @TempDir
    Path dataDir;

    private Features server(Database database, String name) {
        return new Features(database, null, dataDir, clock, "embedded", null,
                Cluster.open(database, ClusterConfig.DEFAULT, clock, name), Duration.ZERO);
    }

    @Test
    void a_server_drops_the_definitions_it_cached_when_another_applies_new_ones() throws Exception {
        Path source = dataDir.resolve("features/drivers.csv");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "driver_id,event_timestamp,conv_rate,trips\n1,2024-01-01T10:00:00Z,0.5,3\n");
        Database database = postgres.database();
        try (Features a = server(database, "a"); Features b = server(database, "b")) {
            apply(a, List.of("conv_rate"));
            b.followDefinitionChanges();
            assertThat(resolved(b)).containsExactly("conv_rate");
            assertThat(b.followDefinitionChanges()).as("nothing changed").isFalse();

            apply(a, List.of("conv_rate", "trips"));

            assertThat(b.followDefinitionChanges()).isTrue();
            assertThat(resolved(b)).containsExactly("conv_rate", "trips");
            assertThat(b.catalog().featureView("cached_view", null).version()).isEqualTo(2);
        }
    }

    private static void apply(Features features, List<String> names) {
        features.catalog().apply(Json.mapper().valueToTree(Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "cached_view", "entities", List.of("driver"), "source",
                        Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp",
                        "features", names.stream().map(name -> Map.of("name", name, "dtype", "Float64")).toList())))));
    }

    private static List<String> resolved(Features features) {
        return features.catalog().resolve(List.of("cached_view"), null).values().iterator().next().stream()
                .map(FeatureField::name).toList();
    }

    @Test
    void a_server_drops_the_online_values_it_cached_when_another_materializes_the_view() throws Exception {
        Path source = dataDir.resolve("features/drivers.csv");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "driver_id,event_timestamp,conv_rate\n1,2024-01-01T10:00:00Z,0.5\n2,2024-01-01T10:00:00Z,0.7\n");
        Database database = postgres.database();
        try (Features a = server(database, "a"); Features b = server(database, "b")) {
            a.catalog().apply(Json.mapper().valueToTree(Map.of(
                    "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                    "feature_views", List.of(Map.of("name", "rates", "entities", List.of("driver"), "source",
                            Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp",
                            "features", List.of(Map.of("name", "conv_rate", "dtype", "Float64")))))));
            a.materializer().materialize("rates");
            b.followDefinitionChanges();
            assertThat(b.followMaterializations()).as("first look: every view is new to b").isEqualTo(1);
            assertThat(convRate(b, 1)).isEqualTo(0.5);
            assertThat(convRate(b, 2)).isEqualTo(0.7);

            Files.writeString(source, "1,2024-01-01T12:00:00Z,0.9\n", StandardOpenOption.APPEND);
            a.materializer().materialize("rates");
            assertThat(convRate(a, 1)).as("the materializing server sees its write at once").isEqualTo(0.9);
            assertThat(convRate(b, 1)).as("b answers from its cache until it follows").isEqualTo(0.5);

            assertThat(b.followMaterializations()).isEqualTo(1);
            assertThat(convRate(b, 1)).isEqualTo(0.9);
            assertThat(convRate(b, 2)).isEqualTo(0.7);
            assertThat(b.followMaterializations()).as("nothing materialized since").isZero();
        }
    }

    private static double convRate(Features server, int driver) {
        JsonNode answer = server.online().get(Json.mapper().valueToTree(Map.of("features", List.of("rates:conv_rate"),
                "entities", Map.of("driver_id", List.of(driver)))));
        List<String> names = Json.mapper().convertValue(answer.at("/metadata/feature_names"),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        return answer.path("results").get(names.indexOf("conv_rate")).path("values").get(0).asDouble();
    }
}

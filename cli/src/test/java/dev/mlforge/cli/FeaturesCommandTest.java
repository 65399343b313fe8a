package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);

    private static final String YAML = """
            entities:
              - name: driver
                join_key: driver_id
            feature_views:
              - name: driver_stats
                entities: [driver]
                source: {dataset: drivers, version: latest}
                timestamp_field: event_timestamp
                ttl: %s
                features:
                  - {name: conv_rate, dtype: Float64}
                  - {name: trips, dtype: Int64}
            feature_services:
              - name: driver_model
                features: [driver_stats]
            """;

    @Test
    void apply_list_get_materialize_and_look_up_online_features() throws Exception {
        Path csv = Files.writeString(local.resolve("drivers.csv"), """
                driver_id,event_timestamp,conv_rate,trips
                1001,2024-01-01T00:00:00Z,0.5,10
                1001,2024-01-02T00:00:00Z,0.625,11
                1002,2024-01-01T12:00:00Z,0.75,20
                """);
        assertThat(cli.run("datasets", "register", "drivers", csv.toString()).exitCode()).isZero();
        Path definitions = Files.writeString(local.resolve("features.yaml"), YAML.formatted("0"));

        CliFixture.Result applied = cli.run("features", "apply", "-f", definitions.toString());
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out().lines().toList()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly("feature_view", "driver_stats", "1", "applied"));
        assertThat(cli.run("features", "apply", "-f", definitions.toString()).out()).doesNotContain("applied").contains("unchanged");
        Files.writeString(definitions, YAML.formatted("30d"));
        assertThat(cli.run("features", "apply", "-f", definitions.toString()).out().lines())
                .anySatisfy(line -> assertThat(line.split("\\s+")).containsExactly("feature_view", "driver_stats", "2", "applied"));

        assertThat(cli.run("features", "list").out().lines().toList()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly("driver_stats", "2", "driver", "2", "dataset:drivers@latest", "2592000s", "never"));
        assertThat(cli.run("features", "get", "driver_stats").out()).contains("conv_rate", "Float64", "trips", "Int64");

        CliFixture.Result materialized = cli.run("features", "materialize", "driver_stats");
        assertThat(materialized.out().strip())
                .isEqualTo("Materialized driver_stats: 2 entity rows written, online until 2024-01-02T00:00:00Z");
        CliFixture.Result stats = cli.run("features", "stats", "driver_stats");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.out().lines().map(line -> String.join(" ", line.split("\\s+"))).toList())
                .contains("conv_rate Float64 2 0 2 0.625 0.75 0.6875", "trips Int64 2 0 2 11.0 20.0 15.5");

        CliFixture.Result online = cli.run("features", "get-online", "--features", "driver_stats:trips", "-e",
                "driver_id=1001,1003");
        assertThat(online.exitCode()).as(online.err()).isZero();
        assertThat(online.out().lines().map(line -> String.join(" ", line.split("\\s+"))).toList())
                .containsExactly("driver_id trips", "1001 OUTSIDE_MAX_AGE", "1003 NOT_FOUND");
        assertThat(cli.run("features", "get-online", "--feature-service", "driver_model", "-e", "driver_id=1001", "--json").out())
                .contains("\"feature_names\"", "\"conv_rate\"", "\"OUTSIDE_MAX_AGE\"");
    }

    @Test
    void an_invalid_definition_file_fails_with_the_servers_message() throws Exception {
        Path definitions = Files.writeString(local.resolve("features.yaml"), YAML.formatted("0"));
        CliFixture.Result applied = cli.run("features", "apply", "-f", definitions.toString());
        assertThat(applied.exitCode()).isNotZero();
        assertThat(applied.err()).contains("dataset 'drivers'");
    }
}

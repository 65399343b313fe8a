package dev.mlforge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("mlforge.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaults_apply_when_nothing_is_set() {
        ServerConfig config = ServerConfig.from(new ConfigLoader(Map.of()).load(null, Map.of()));
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.dataDir()).isEqualTo(Path.of("./mlforge-data").toAbsolutePath().normalize());
        assertThat(config.backendStoreUri()).isNull();
        assertThat(config.maxRequestBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void file_beats_defaults_environment_beats_file_and_flags_beat_environment() throws Exception {
        Path file = yaml("port: 6000\nhost: 0.0.0.0\nmax-request-size: 2m\nserving:\n  max-batch-size: 8\n");
        ConfigLoader loader = new ConfigLoader(Map.of("MLFORGE_PORT", "7000", "MLFORGE_SERVING_MAX_BATCH_SIZE", "16"));

        ConfigValues fromFileAndEnv = loader.load(file, Map.of());
        ServerConfig config = ServerConfig.from(fromFileAndEnv);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.maxRequestBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(fromFileAndEnv.integer("serving.max-batch-size", 32, 1, 4096)).isEqualTo(16);

        Map<String, String> flags = new HashMap<>();
        flags.put("port", "8000");
        flags.put("host", null);
        assertThat(ServerConfig.from(loader.load(file, flags)).port()).isEqualTo(8000);
        assertThat(ServerConfig.from(loader.load(file, flags)).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void the_config_file_can_be_named_by_the_environment() throws Exception {
        Path file = yaml("port: 6100\n");
        ConfigLoader loader = new ConfigLoader(Map.of("MLFORGE_CONFIG", file.toString()));
        assertThat(ServerConfig.from(loader.load(null, Map.of())).port()).isEqualTo(6100);
    }

    @Test
    void an_invalid_value_names_the_key_and_its_source() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of("MLFORGE_PORT", "eighty"));
        assertThatThrownBy(() -> ServerConfig.from(loader.load(null, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'port'")
                .hasMessageContaining("environment variable MLFORGE_PORT")
                .hasMessageContaining("eighty");

        Path file = yaml("port: 70000\n");
        assertThatThrownBy(() -> ServerConfig.from(new ConfigLoader(Map.of()).load(file, Map.of())))
                .hasMessageContaining("'port'")
                .hasMessageContaining("file " + file)
                .hasMessageContaining("0 to 65535");
    }

    @Test
    void an_unsupported_backend_store_uri_is_refused_at_start() {
        assertThatThrownBy(() -> ServerConfig.from(new ConfigLoader(Map.of()).load(null, Map.of("backend-store-uri", "mysql://x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'backend-store-uri'")
                .hasMessageContaining("command-line flag");
    }

    @Test
    void a_missing_config_file_is_reported_by_path() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void an_unknown_key_in_the_file_is_refused_with_the_nearest_known_key() throws Exception {
        Path file = yaml("pipelines:\n  basedir: /srv/pipelines\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'pipelines.basedir'")
                .hasMessageContaining("file " + file)
                .hasMessageEndingWith("did you mean 'pipelines.base-dir'?");

        Path unprefixed = yaml("max-batch-size: 8\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(unprefixed, Map.of()))
                .hasMessageEndingWith("did you mean 'serving.max-batch-size'?");
    }

    @Test
    void an_unknown_mlforge_environment_variable_is_refused_with_the_nearest_known_one() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MLFORGE_PIPELINES_BASEDIR", "/srv")).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown environment variable MLFORGE_PIPELINES_BASEDIR")
                .hasMessageEndingWith("did you mean MLFORGE_PIPELINES_BASE_DIR (key 'pipelines.base-dir')?");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MLFORGE_ZZZZZZZZZZZZ", "1")).load(null, Map.of()))
                .hasMessageContaining("unknown environment variable MLFORGE_ZZZZZZZZZZZZ")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void client_and_launcher_variables_are_not_taken_for_server_keys() {
        ConfigLoader loader = new ConfigLoader(Map.of("MLFORGE_TRACKING_URI", "http://h:1", "MLFORGE_TRACKING_TOKEN", "t",
                "MLFORGE_JAVA_OPTS", "-Xmx1g", "MLFORGE_ADMIN_USERNAME", "root", "MLFORGE_ADMIN_PASSWORD", "pw",
                "PATH", "/usr/bin", "MLFLOW_TRACKING_URI", "http://h:2"));
        assertThat(ServerConfig.from(loader.load(null, Map.of())).port()).isEqualTo(5000);
    }

    @Test
    void every_value_is_checked_against_the_table_when_loaded_even_if_nothing_reads_it() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MLFORGE_SERVING_LOG_SAMPLE_RATE", "2")).load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'serving.log-sample-rate'")
                .hasMessageContaining("environment variable MLFORGE_SERVING_LOG_SAMPLE_RATE")
                .hasMessageContaining("0.0 to 1.0");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MLFORGE_LOG_LEVEL", "loud")).load(null, Map.of()))
                .hasMessageContaining("'log-level'").hasMessageContaining("INFO");
    }

    @Test
    void the_log_level_is_a_key_read_through_the_loader() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of("MLFORGE_LOG_LEVEL", "debug"));
        assertThat(loader.environmentValue("log-level")).isEqualTo("debug");
        assertThat(loader.load(null, Map.of()).string("log-level", "INFO")).isEqualTo("debug");

        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        try {
            LoggingConfigurator.apply(new ConfigLoader(Map.of()).load(yaml("log-level: warn\n"), Map.of()));
            assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        } finally {
            root.setLevel(before);
        }
    }
}

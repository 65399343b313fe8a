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
        assertThat(fromFileAndEnv.integer("serving.max-batch-size", 1, 1, 1024)).isEqualTo(16);

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
}

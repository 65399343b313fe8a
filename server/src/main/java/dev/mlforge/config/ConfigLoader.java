package dev.mlforge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the configuration in one order of precedence: defaults &lt; YAML file &lt; {@code MLFORGE_*}
 * environment variables &lt; command-line flags. Keys are dotted ({@code serving.max-batch-size}); the
 * environment variable of a key is {@code MLFORGE_} and the key upper-cased with dots and dashes as
 * underscores ({@code MLFORGE_SERVING_MAX_BATCH_SIZE}).
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "MLFORGE_";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The loader over this process's environment: the one place that reads it. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads the values; {@code yamlFile} may be null, then {@code MLFORGE_CONFIG} names the file if set. */
    public ConfigValues load(Path yamlFile, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Path file = yamlFile == null && environment.containsKey(ENV_PREFIX + "CONFIG")
                ? Path.of(environment.get(ENV_PREFIX + "CONFIG"))
                : yamlFile;
        if (file != null) {
            readYaml(file).forEach((key, value) -> {
                values.put(key, value);
                origins.put(key, "file " + file);
            });
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(ENV_PREFIX + "CONFIG") && !name.equals(ENV_PREFIX + "TRACKING_URI")) {
                String key = name.substring(ENV_PREFIX.length());
                values.keySet().removeIf(existing -> ConfigValues.canonical(existing).equals(key));
                values.put(key, value);
                origins.put(key, "environment variable " + name);
            }
        });
        flags.forEach((key, value) -> {
            if (value != null) {
                values.keySet().removeIf(existing -> ConfigValues.canonical(existing).equals(ConfigValues.canonical(key)));
                values.put(key, value);
                origins.put(key, "command-line flag");
            }
        });
        return new ConfigValues(values, origins);
    }


    private static Map<String, String> readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Configuration file " + file + " does not exist");
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            Map<String, String> flat = new LinkedHashMap<>();
            if (root != null && root.isObject()) {
                flatten("", root, flat);
            } else if (root != null && !root.isMissingNode() && !root.isNull()) {
                throw new ConfigException("Configuration file " + file + " must hold a mapping of keys");
            }
            return flat;
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        node.fields().forEachRemaining(entry -> {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue().isObject()) {
                flatten(key, entry.getValue(), into);
            } else {
                into.put(key, entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString());
            }
        });
    }
}

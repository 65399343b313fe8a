package dev.mlforge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the configuration in one order of precedence: defaults &lt; YAML file &lt; {@code MLFORGE_*}
 * environment variables &lt; command-line flags. Keys are dotted ({@code serving.max-batch-size}); the
 * environment variable of a key is {@code MLFORGE_} and the key upper-cased with dots and dashes as
 * underscores ({@code MLFORGE_SERVING_MAX_BATCH_SIZE}). The S3 artifact store's endpoint and region also come from
 * the AWS variables ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_REGION}...), below every other source.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "MLFORGE_";
    /**
     * The AWS tools' own variables, read for the S3 artifact store below every other source (a YAML file or an
     * {@code MLFORGE_*} variable wins), the first one set of each list.
     */
    private static final Map<String, java.util.List<String>> AWS_VARIABLES = Map.of(
            "artifacts.s3.endpoint-url", java.util.List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"),
            "artifacts.s3.region", java.util.List.of("AWS_REGION", "AWS_DEFAULT_REGION"));

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The loader over this process's environment: the one place that reads it. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * Loads the values; {@code yamlFile} may be null, then {@code MLFORGE_CONFIG} names the file if set. Every value
     * is checked against its row of {@link ConfigKeys}; a key the table does not list is refused with the nearest
     * known one.
     *
     * @throws ConfigException naming the key and where its value came from
     */
    public ConfigValues load(Path yamlFile, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Path file = yamlFile == null && environment.containsKey(ENV_PREFIX + "CONFIG")
                ? Path.of(environment.get(ENV_PREFIX + "CONFIG"))
                : yamlFile;
        AWS_VARIABLES.forEach((key, names) -> names.stream().filter(name -> !isBlank(environment.get(name))).findFirst()
                .ifPresent(name -> put(values, origins, known(key, name), environment.get(name), "environment variable " + name)));
        if (file != null) {
            readYaml(file).forEach((key, value) -> put(values, origins, known(key, "file " + file), value, "file " + file));
        }
        new java.util.TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !ConfigKeys.OTHER_VARIABLES.containsKey(name)) {
                put(values, origins, knownVariable(name), value, "environment variable " + name);
            }
        });
        flags.forEach((key, value) -> {
            if (value != null) {
                put(values, origins, known(key, "command-line flag"), value, "command-line flag");
            }
        });
        return new ConfigValues(values, origins);
    }

    /** The raw value of {@code key}'s environment variable ({@code MLFORGE_LOG_LEVEL}), or null; for start-up code. */
    public String environmentValue(String key) {
        return ConfigKeys.find(key).map(row -> environment.get(row.environmentVariable())).orElse(null);
    }

    private static void put(Map<String, String> values, Map<String, String> origins, ConfigKey key, String value,
            String origin) {
        if (value != null && !value.isBlank() && !key.type().accepts(value)) {
            throw new ConfigException("Invalid configuration value '" + value + "' for key '" + key.name() + "' (from "
                    + origin + "): expected " + key.type().range());
        }
        values.put(key.name(), value);
        origins.put(key.name(), origin);
    }

    private static ConfigKey known(String key, String origin) {
        return ConfigKeys.find(key).orElseThrow(() -> new ConfigException("unknown configuration key '" + key
                + "' (from " + origin + ")" + ConfigKeys.nearest(key).map(near -> "; did you mean '" + near.name() + "'?")
                .orElse("; the keys are listed in the README's configuration table")));
    }

    private static ConfigKey knownVariable(String name) {
        String key = name.substring(ENV_PREFIX.length());
        return ConfigKeys.find(key).orElseThrow(() -> new ConfigException("unknown environment variable " + name
                + ConfigKeys.nearest(key).map(near -> "; did you mean " + near.environmentVariable() + " (key '"
                        + near.name() + "')?").orElse("; the keys are listed in the README's configuration table")));
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

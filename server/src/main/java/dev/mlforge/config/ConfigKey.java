package dev.mlforge.config;

import java.util.Locale;

/**
 * One row of the configuration table: a key the server reads, its default, what it accepts and what it does.
 *
 * @param name         dotted kebab-case key ({@code serving.max-batch-size}); YAML nests it, the environment spells it
 *                     {@link #environmentVariable()}
 * @param defaultValue the value used when the key is not set, as a user would write it ({@code 16m}); a default
 *                     computed from other keys is written in angle brackets ({@code <data-dir>/artifacts})
 * @param type         what a value must be; loading rejects any other value with a message naming the key
 * @param description  one line for the README's configuration table
 */
public record ConfigKey(String name, String defaultValue, ValueType type, String description) {

    /** Whether the default is computed from other keys ({@code <data-dir>/artifacts}) rather than a literal value. */
    public boolean derivedDefault() {
        return defaultValue.startsWith("<");
    }

    /** {@code MLFORGE_} and the key upper-cased, dots and dashes as underscores. */
    public String environmentVariable() {
        return ConfigLoader.ENV_PREFIX + canonical(name);
    }

    /** The spelling-independent form of a key: {@code serving.max-batch-size} is {@code SERVING_MAX_BATCH_SIZE}. */
    static String canonical(String key) {
        return key.trim().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}

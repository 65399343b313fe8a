package dev.mlforge.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Flattened configuration keys ({@code store.uri}, {@code server.port}, ...) with typed readers whose errors name
 * the key and where its value came from. Every key read must be a row of {@link ConfigKeys} with the same default
 * and range as the reader's: reading any other is a programmer error ({@link IllegalStateException}).
 */
public final class ConfigValues {
    private final Map<String, String> values;
    private final Map<String, String> origins;

    ConfigValues(Map<String, String> values, Map<String, String> origins) {
        this.values = new TreeMap<>();
        this.origins = new TreeMap<>();
        values.forEach((key, value) -> this.values.put(canonical(key), value));
        origins.forEach((key, origin) -> this.origins.put(canonical(key), origin));
    }

    /** Keys match whatever their spelling: {@code serving.max-batch-size} is {@code SERVING_MAX_BATCH_SIZE}. */
    static String canonical(String key) {
        return ConfigKey.canonical(key);
    }

    private String raw(String key) {
        return values.get(canonical(key));
    }

    /** Values with no file or environment behind them: for tests and embedded use. */
    public static ConfigValues of(Map<String, String> values) {
        Map<String, String> origins = new TreeMap<>();
        values.keySet().forEach(key -> origins.put(key, "argument"));
        return new ConfigValues(values, origins);
    }

    public String string(String key, String defaultValue) {
        ConfigKey row = row(key);
        if (!row.derivedDefault() && !Objects.equals(row.defaultValue(), defaultValue == null ? "" : defaultValue)) {
            throw disagrees(row, "default '" + defaultValue + "'");
        }
        String value = raw(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        ConfigKey row = row(key);
        if (!(row.type() instanceof ValueType.WholeNumber range && range.min() == min && range.max() == max
                && (row.derivedDefault() || ValueType.WholeNumber.parse(row.defaultValue()) == defaultValue))) {
            throw disagrees(row, "a whole number, default " + defaultValue + ", from " + min + " to " + max);
        }
        String raw = raw(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = ValueType.WholeNumber.parse(raw);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, raw, "a whole number");
        }
        if (value < min || value > max) {
            throw invalid(key, raw, "a number from " + min + " to " + max);
        }
        return value;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        ConfigKey row = row(key);
        if (!(row.type() instanceof ValueType.Decimal range && range.min() == min && range.max() == max
                && (row.derivedDefault() || Double.parseDouble(row.defaultValue()) == defaultValue))) {
            throw disagrees(row, "a number, default " + defaultValue + ", from " + min + " to " + max);
        }
        String raw = raw(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number");
        }
        if (!(value >= min && value <= max)) {
            throw invalid(key, raw, "a number from " + min + " to " + max);
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        ConfigKey row = row(key);
        if (!(row.type() instanceof ValueType.Flag && (row.derivedDefault()
                || Boolean.valueOf(defaultValue).equals(ValueType.Flag.parse(row.defaultValue()))))) {
            throw disagrees(row, "true or false, default " + defaultValue);
        }
        String raw = raw(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        Boolean value = ValueType.Flag.parse(raw);
        if (value == null) {
            throw invalid(key, raw, "true or false");
        }
        return value;
    }

    public ConfigException invalid(String key, String raw, String expected) {
        return new ConfigException("Invalid configuration value '" + raw + "' for key '" + key + "' (from "
                + origins.getOrDefault(canonical(key), "default") + "): expected " + expected);
    }

    private static ConfigKey row(String key) {
        return ConfigKeys.find(key).orElseThrow(() -> new IllegalStateException(
                "configuration key '" + key + "' is read but is not a row of ConfigKeys: add it to the table"));
    }

    private static IllegalStateException disagrees(ConfigKey row, String read) {
        return new IllegalStateException("configuration key '" + row.name() + "' is read as " + read
                + " but ConfigKeys lists default '" + row.defaultValue() + "', " + row.type().range()
                + ": make the reader and the table agree");
    }
}

package dev.mlforge.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Flattened configuration keys ({@code store.uri}, {@code server.port}, ...) with typed readers whose
 * errors name the key and where its value came from.
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
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
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
        String value = raw(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        long value = longValue(key, defaultValue, min, max);
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        String raw = raw(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = parseWithSuffix(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a whole number");
        }
        if (value < min || value > max) {
            throw invalid(key, raw, "a number from " + min + " to " + max);
        }
        return value;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
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
        String raw = raw(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, raw, "true or false");
        };
    }

    /** Sizes accept k, m and g suffixes (binary units): {@code 512m}. */
    private static long parseWithSuffix(String raw) {
        String lower = raw.toLowerCase();
        long factor = 1;
        char last = lower.charAt(lower.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            factor = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            lower = lower.substring(0, lower.length() - 1);
        }
        return Long.parseLong(lower) * factor;
    }

    public ConfigException invalid(String key, String raw, String expected) {
        return new ConfigException("Invalid configuration value '" + raw + "' for key '" + key + "' (from "
                + origins.getOrDefault(canonical(key), "default") + "): expected " + expected);
    }

}

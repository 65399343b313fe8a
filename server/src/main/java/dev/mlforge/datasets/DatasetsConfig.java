package dev.mlforge.datasets;

import dev.mlforge.config.ConfigValues;

/**
 * Settings of dataset registration.
 *
 * @param maxColumns the widest header a registered CSV may have ({@code datasets.max-columns}, default 50,000)
 */
public record DatasetsConfig(int maxColumns) {
    public static final String MAX_COLUMNS_KEY = "datasets.max-columns";
    public static final DatasetsConfig DEFAULTS = new DatasetsConfig(50_000);

    public static DatasetsConfig from(ConfigValues values) {
        return new DatasetsConfig(values.integer(MAX_COLUMNS_KEY, DEFAULTS.maxColumns(), 1, 1_000_000));
    }
}

package dev.mlforge.tracking;

import dev.mlforge.config.ConfigValues;

/**
 * When the staged metric log (SQLite) is folded into the history table.
 *
 * @param foldRows   rows waiting in the log that start a fold at once ({@code tracking.metric-log.fold-rows}, default
 *                   50,000): the more rows a fold moves, the more points of one key share a page of {@code metrics}
 * @param foldMillis ms after the last fold that rows waiting start one anyway ({@code tracking.metric-log.fold-millis},
 *                   default 2000)
 */
public record MetricLogConfig(long foldRows, long foldMillis) {
    public static final String FOLD_ROWS_KEY = "tracking.metric-log.fold-rows";
    public static final String FOLD_MILLIS_KEY = "tracking.metric-log.fold-millis";
    public static final MetricLogConfig DEFAULTS = new MetricLogConfig(50_000, 2_000);

    public static MetricLogConfig from(ConfigValues values) {
        return new MetricLogConfig(values.longValue(FOLD_ROWS_KEY, DEFAULTS.foldRows(), 1, 10_000_000),
                values.longValue(FOLD_MILLIS_KEY, DEFAULTS.foldMillis(), 10, 3_600_000));
    }
}

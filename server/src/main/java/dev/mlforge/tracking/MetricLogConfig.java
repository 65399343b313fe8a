package dev.mlforge.tracking;

import dev.mlforge.config.ConfigValues;

/**
 * When the staged metric log (SQLite) is folded into the history table.
 *
 * @param foldRows   rows waiting in the log that start a fold at once ({@code tracking.metric-log.fold-rows}, default
 *                   200,000): the more rows a fold moves, the more points of one key share a page of the history, and
 *                   the fewer pages a fold writes per point (measured: 200,000 instead of 50,000 rows took the folder
 *                   thread from 0.56-0.65 to 0.31-0.40 of a core at a higher ingest rate); the price is a longer log
 *                   for history reads to scan (a run's staged points, through its index)
 * @param foldMillis ms after the last fold that rows waiting start one anyway ({@code tracking.metric-log.fold-millis},
 *                   default 2000)
 */
public record MetricLogConfig(long foldRows, long foldMillis) {
    public static final String FOLD_ROWS_KEY = "tracking.metric-log.fold-rows";
    public static final String FOLD_MILLIS_KEY = "tracking.metric-log.fold-millis";
    public static final MetricLogConfig DEFAULTS = new MetricLogConfig(200_000, 2_000);

    public static MetricLogConfig from(ConfigValues values) {
        return new MetricLogConfig(values.longValue(FOLD_ROWS_KEY, DEFAULTS.foldRows(), 1, 10_000_000),
                values.longValue(FOLD_MILLIS_KEY, DEFAULTS.foldMillis(), 10, 3_600_000));
    }
}

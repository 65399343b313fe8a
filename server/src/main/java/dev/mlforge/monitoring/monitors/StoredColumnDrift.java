package dev.mlforge.monitoring.monitors;

/**
 * The drift verdict of one column as a monitor result keeps it: the score compared, without the statistics,
 * counts and histogram of the calculator's {@link dev.mlforge.monitoring.drift.ColumnDrift}.
 *
 * @param type      {@code numerical} or {@code categorical}
 * @param method    the test or distance used ({@code ks}, {@code chisquare}, {@code psi}, ...)
 * @param score     the p-value or the distance
 * @param threshold the threshold the score was compared with
 * @param error     why the column could not be tested (score NaN, not drifted); null when it was
 */
public record StoredColumnDrift(String column, String type, String method, double score, double threshold, boolean drifted,
        String error) {}

package dev.mlforge.monitoring.drift;

/**
 * A data-quality finding between the reference and the current data.
 *
 * @param column the column concerned
 * @param check which check found it
 * @param message a readable explanation with the figures
 */
public record DataQualityIssue(String column, Check check, String message) {
    /** The data-quality checks. */
    public enum Check {
        MISSING_COLUMN, NEW_COLUMN, TYPE_CHANGE, NEW_CATEGORIES, OUT_OF_RANGE, MISSING_RATE_CHANGE, EMPTY_COLUMN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package dev.mlforge.tracking;

/** One measurement of a metric; the value may be NaN or infinite. */
public record MetricEntity(String key, double value, long timestamp, long step) {

    /** MLflow's "latest" order: by step, then timestamp, then value (NaN counts as the largest). */
    boolean isLaterThan(MetricEntity other) {
        if (step != other.step) {
            return step > other.step;
        }
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return Double.compare(value, other.value) > 0;
    }
}

package dev.mlforge.monitoring.drift;

/** Short labels for numbers: integers without a fraction, others as Java prints them. */
final class NumberFormat {
    private NumberFormat() {
    }

    static String compact(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}

package dev.mlforge.monitoring.performance;

/** Regression errors as scikit-learn computes them ({@code mean_absolute_error}, root of {@code mean_squared_error}). */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    public static double meanAbsoluteError(double[] actual, double[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - predicted[i]);
        }
        return sum / actual.length;
    }

    public static double rootMeanSquaredError(double[] actual, double[] predicted) {
        check(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double diff = actual[i] - predicted[i];
            sum += diff * diff;
        }
        return Math.sqrt(sum / actual.length);
    }

    private static void check(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted values differ in length: " + actual.length
                    + " vs " + predicted.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}

package dev.mlforge.monitoring.performance;

/** Regression errors as scikit-learn computes them: mean absolute error and root mean squared error. */
public final class RegressionMetrics {
    private RegressionMetrics() {}

    public static double meanAbsoluteError(double[] actual, double[] predicted) {
        requireSameSize(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - predicted[i]);
        }
        return sum / actual.length;
    }

    public static double rootMeanSquaredError(double[] actual, double[] predicted) {
        requireSameSize(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = actual[i] - predicted[i];
            sum += error * error;
        }
        return Math.sqrt(sum / actual.length);
    }

    private static void requireSameSize(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, predicted " + predicted.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}

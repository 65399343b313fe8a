package dev.mlforge.monitoring.drift;

/** Least-squares quadratic fit like {@code np.polyfit(x, y, 2)}: column-scaled Vandermonde, Householder QR. */
final class QuadraticFit {
    private QuadraticFit() {
    }

    /** Coefficients, highest power first. */
    static double[] fit(double[] x, double[] y) {
        int rows = x.length;
        int cols = 3;
        double[][] a = new double[rows][cols];
        double[] scale = new double[cols];
        for (int r = 0; r < rows; r++) {
            a[r][0] = x[r] * x[r];
            a[r][1] = x[r];
            a[r][2] = 1;
        }
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += a[r][c] * a[r][c];
            }
            scale[c] = Math.sqrt(sum);
            for (int r = 0; r < rows; r++) {
                a[r][c] /= scale[c];
            }
        }
        double[] b = y.clone();
        for (int c = 0; c < cols; c++) {
            double norm = 0;
            for (int r = c; r < rows; r++) {
                norm += a[r][c] * a[r][c];
            }
            norm = Math.sqrt(norm);
            double alpha = a[c][c] > 0 ? -norm : norm;
            double[] v = new double[rows];
            for (int r = c; r < rows; r++) {
                v[r] = a[r][c];
            }
            v[c] -= alpha;
            double vNorm = 0;
            for (int r = c; r < rows; r++) {
                vNorm += v[r] * v[r];
            }
            if (vNorm == 0) {
                continue;
            }
            for (int k = c; k < cols; k++) {
                double dot = 0;
                for (int r = c; r < rows; r++) {
                    dot += v[r] * a[r][k];
                }
                double factor = 2 * dot / vNorm;
                for (int r = c; r < rows; r++) {
                    a[r][k] -= factor * v[r];
                }
            }
            double dot = 0;
            for (int r = c; r < rows; r++) {
                dot += v[r] * b[r];
            }
            double factor = 2 * dot / vNorm;
            for (int r = c; r < rows; r++) {
                b[r] -= factor * v[r];
            }
        }
        double[] coefficients = new double[cols];
        for (int c = cols - 1; c >= 0; c--) {
            double sum = b[c];
            for (int k = c + 1; k < cols; k++) {
                sum -= a[c][k] * coefficients[k];
            }
            coefficients[c] = sum / a[c][c];
        }
        for (int c = 0; c < cols; c++) {
            coefficients[c] /= scale[c];
        }
        return coefficients;
    }
}

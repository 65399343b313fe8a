package dev.mlforge.monitoring.drift;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, written to match SciPy 1.10's
 * {@code scipy.stats.kstwo.sf} ({@code scipy/stats/_ksstats.py} {@code _kolmogn}) branch by branch: Ruben-Gambino
 * bounds, Durbin matrix (Marsaglia-Tsang-Wang), Pomeranz recursion, Pelz-Good series and Smirnov's exact one-sided sum.
 * Commons Statistics only offers the limiting distribution, which differs from SciPy at finite n, hence this class.
 */
final class KolmogorovDistribution {
    private static final double EP128 = Math.scalb(1.0, 128);
    private static final double EM128 = Math.scalb(1.0, -128);
    private static final int E128 = 128;
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double PI_SQUARED = Math.PI * Math.PI;
    private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    private KolmogorovDistribution() {
    }

    /** Pr(D_n > x). */
    static double sf(int n, double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1.0;
                for (int i = 1; i <= n; i++) {
                    prob *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - prob);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * smirnov(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbinMatrixCdf(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranzCdf(n, x));
            }
            return clip(2 * smirnov(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * smirnov(n, x));
        }
        double cdf;
        if (nxSquared >= 18.0) {
            cdf = 1.0;
        } else if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinMatrixCdf(n, x);
        } else {
            cdf = pelzGoodCdf(n, x);
        }
        return clip(1.0 - cdf);
    }

    private static double clip(double p) {
        return Math.min(1.0, Math.max(0.0, p));
    }

    private static double logFactorialOverPower(int n) {
        double rn = 1.0 / n;
        double poly = 0;
        for (double c : STIRLING) {
            poly = poly * (rn / n) + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /** Smirnov's one-sided Pr(D+_n >= x), the Birnbaum-Tingey sum (all terms positive, so no cancellation). */
    static double smirnov(int n, double x) {
        if (x <= 0) {
            return 1.0;
        }
        if (x >= 1) {
            return 0.0;
        }
        if (n == 1) {
            return x < 1 ? 1 - x : 0;
        }
        int nn = (int) Math.floor(n * (1.0 - x));
        double logNFactorial = LogGamma.value(n + 1.0);
        double sum = 0;
        for (int v = 0; v <= nn; v++) {
            double evn = x + (double) v / n;
            double omevn = 1.0 - evn;
            if (omevn <= 0 && v < n) {
                continue;
            }
            double logTerm = logNFactorial - LogGamma.value(v + 1.0) - LogGamma.value(n - v + 1.0)
                    + (v - 1) * Math.log(evn) + (n - v == 0 ? 0 : (n - v) * Math.log(omevn));
            if (logTerm > -745) {
                sum += Math.exp(logTerm);
            }
        }
        return sum * x;
    }

    static double durbinMatrixCdf(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[][] matrix = new double[m][m];
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                matrix[r][i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            matrix[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            matrix[m - 1][c] = v[m - 1 - c];
        }
        double[][] power = identity(m);
        int nn = n;
        int exponent = 0;
        int matrixExponent = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, matrix);
                exponent += matrixExponent;
            }
            matrix = multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.abs(matrix[k - 1][k - 1]) > EP128) {
                for (double[] row : matrix) {
                    for (int c = 0; c < m; c++) {
                        row[c] /= EP128;
                    }
                }
                matrixExponent += E128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                exponent -= E128;
            }
        }
        return clip(exponent != 0 ? Math.scalb(p, exponent) : p);
    }

    private static double[][] identity(int m) {
        double[][] result = new double[m][m];
        for (int i = 0; i < m; i++) {
            result[i][i] = 1.0;
        }
        return result;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] result = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] row = result[i];
            for (int l = 0; l < m; l++) {
                double factor = a[i][l];
                if (factor == 0) {
                    continue;
                }
                double[] bRow = b[l];
                for (int j = 0; j < m; j++) {
                    row[j] += factor * bRow[j];
                }
            }
        }
        return result;
    }

    private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int half = (i + 1) / 2;
            int odd = (i + 1) % 2;
            if (odd == 0) {
                if (half == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    static double pomeranzCdf(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        int exponent = 0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int[] bounds = pomeranzBounds(0, n, ll, ceilf, roundf);
        int j1 = bounds[0];
        int j2;
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j1;
            double[] swap = v0;
            v0 = v1;
            v1 = swap;
            int swapStart = v0s;
            v0s = v1s;
            v1s = swapStart;
            java.util.Arrays.fill(v1, 0.0);
            bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
            j1 = bounds[0];
            j2 = bounds[1];
            double[] powers = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0) {
                int convStart = j1 - k1;
                int convLen = j2 - j1 + 1;
                int offset = k1 - v0s;
                double max = 0;
                for (int c = 0; c < convLen; c++) {
                    int index = convStart + c;
                    double sum = 0;
                    for (int a = 0; a <= index && a < ln2 && offset + a < v0.length; a++) {
                        int b = index - a;
                        if (b < ln2 && offset + a >= 0) {
                            sum += v0[offset + a] * powers[b];
                        }
                    }
                    v1[c] = sum;
                    max = Math.max(max, sum);
                }
                if (0 < max && max < EM128) {
                    for (int c = 0; c < v1.length; c++) {
                        v1[c] *= EP128;
                    }
                    exponent -= E128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        double answer = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(answer) > EP128) {
                answer *= EM128;
                exponent += E128;
            }
            answer *= m;
        }
        if (exponent != 0) {
            answer = Math.scalb(answer, exponent);
        }
        return clip(answer);
    }

    static double pelzGoodCdf(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI_SQUARED / 8 / z2;
        if (qlog < -708) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double pi4 = PI_SQUARED * PI_SQUARED;
        double pi6 = pi4 * PI_SQUARED;
        double k1a = -z2;
        double k1b = PI_SQUARED / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
        double k2c = pi4 * (1 - 2 * z2) / 16;
        double k3d = pi6 * (5 - 30 * z2) / 64;
        double k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double[] terms = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * k);
            double[] coeffs = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                k3a + k3b * m2 + k3c * m4 + k3d * m6};
            for (int i = 0; i < 4; i++) {
                terms[i] = terms[i] * qpower + coeffs[i];
            }
        }
        double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            terms[i] = terms[i] * q * SQRT2PI / divisors[i];
        }
        double q2 = Math.exp(-PI_SQUARED / 2 / z2);
        double sqrt3z = Math.sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int k = maxk; k > 0; k--) {
            double ks2 = (double) k * k;
            double qp = Math.pow(q2, ks2);
            double kspi = Math.PI * k;
            k2extra += ks2 * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }
        terms[2] += k2extra * PI_SQUARED * SQRT2PI / (-36 * z3);
        terms[3] += k3extra * PI_SQUARED * SQRT2PI / (216 * z6);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += terms[i] / Math.pow(n, i / 2.0);
        }
        return sum;
    }
}

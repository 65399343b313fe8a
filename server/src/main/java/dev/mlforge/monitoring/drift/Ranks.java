package dev.mlforge.monitoring.drift;

/** Average ("midrank") ranks of two sorted samples within their union, as {@code scipy.stats.rankdata}'s 'average'. */
final class Ranks {
    private Ranks() {
    }

    /** Ranks of x's values followed by ranks of y's values; both inputs sorted ascending. */
    static double[] averageRanks(double[] x, double[] y) {
        int nx = x.length;
        int ny = y.length;
        double[] ranks = new double[nx + ny];
        int i = 0;
        int j = 0;
        int position = 0;
        while (i < nx || j < ny) {
            double value = i < nx && (j >= ny || x[i] <= y[j]) ? x[i] : y[j];
            int startI = i;
            int startJ = j;
            while (i < nx && x[i] == value) {
                i++;
            }
            while (j < ny && y[j] == value) {
                j++;
            }
            int tied = (i - startI) + (j - startJ);
            double rank = position + (tied + 1) / 2.0;
            for (int a = startI; a < i; a++) {
                ranks[a] = rank;
            }
            for (int b = startJ; b < j; b++) {
                ranks[nx + b] = rank;
            }
            position += tied;
        }
        return ranks;
    }
}

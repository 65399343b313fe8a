package dev.mlforge.monitoring.drift;

/**
 * Equal-width histogram edges and counts as NumPy 1.24 computes them: {@code np.histogram_bin_edges(x, bins="sturges")}
 * and {@code np.histogram(x, bins=edges)} with explicit edges (half-open bins, the last one closed).
 */
final class HistogramEdges {
    private HistogramEdges() {
    }

    /** Sturges edges over values spanning [min, max] with {@code size} values in total. */
    static double[] sturges(double min, double max, long size) {
        double first = min;
        double last = max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double ptp = max - min;
        double width = ptp / (log2(size) + 1.0);
        int bins = width != 0 ? (int) Math.ceil((last - first) / width) : 1;
        return linspace(first, last, bins + 1);
    }

    /** log2 exact for powers of two, like C's log2 (Math.log(n) / Math.log(2) is not). */
    static double log2(long n) {
        int exponent = 63 - Long.numberOfLeadingZeros(n);
        long power = 1L << exponent;
        if (n == power) {
            return exponent;
        }
        return exponent + Math.log((double) n / power) / Math.log(2);
    }

    /** NumPy's linspace with endpoint: start + i * step, the last value exactly stop. */
    static double[] linspace(double start, double stop, int count) {
        double[] result = new double[count];
        int div = count - 1;
        double delta = stop - start;
        double step = delta / div;
        for (int i = 0; i < count; i++) {
            result[i] = step == 0 ? (i / (double) div) * delta + start : i * step + start;
        }
        result[count - 1] = stop;
        return result;
    }

    /**
     * Counts of each sample in each bin ({@code [0]} reference, {@code [1]} current): bins are half-open, the last one
     * closed; values outside [edges[0], edges[last]] are not counted.
     */
    static long[][] counts(ValueRuns runs, double[] edges) {
        int bins = edges.length - 1;
        long[][] counts = new long[2][bins];
        runs.forEach((value, reference, current) -> {
            if (value < edges[0] || value > edges[bins]) {
                return;
            }
            int bin = Math.min(SortedArrays.upperBound(edges, value) - 1, bins - 1);
            counts[0][bin] += reference;
            counts[1][bin] += current;
        });
        return counts;
    }
}

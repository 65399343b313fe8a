package dev.mlforge.monitoring.drift;

/** Searches and merges over ascending double arrays (NumPy's {@code searchsorted} semantics). */
final class SortedArrays {
    private SortedArrays() {
    }

    /** Number of values strictly below {@code key} (searchsorted 'left'). */
    static int lowerBound(double[] sorted, double key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Number of values at most {@code key} (searchsorted 'right'). */
    static int upperBound(double[] sorted, double key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

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

    static double[] merge(double[] a, double[] b) {
        double[] result = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            result[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            result[k++] = a[i++];
        }
        while (j < b.length) {
            result[k++] = b[j++];
        }
        return result;
    }

    static double[] distinct(double[] sorted) {
        int count = countDistinct(sorted);
        double[] result = new double[count];
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                result[k++] = sorted[i];
            }
        }
        return result;
    }

    static int countDistinct(double[] sorted) {
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                count++;
            }
        }
        return count;
    }

    /** Distinct values of the union of two sorted arrays, counted without allocating. */
    static int countDistinctUnion(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < a.length || j < b.length) {
            double value = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
            count++;
            while (i < a.length && a[i] == value) {
                i++;
            }
            while (j < b.length && b[j] == value) {
                j++;
            }
        }
        return count;
    }
}

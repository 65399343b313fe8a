package dev.mlforge.monitoring.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-value counts of both samples over the union of their values (Evidently's per-value bins), keys in ascending
 * order (numeric order for numbers, code-point order for strings).
 *
 * @param labels the distinct values, ascending
 * @param reference reference count per label
 * @param current current count per label
 */
record ValueCounts(List<String> labels, long[] reference, long[] current) {
    long referenceTotal() {
        return sum(reference);
    }

    long currentTotal() {
        return sum(current);
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** From two sorted numeric samples, by run lengths. */
    static ValueCounts ofNumbers(double[] reference, double[] current) {
        List<String> labels = new ArrayList<>();
        List<long[]> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < reference.length || j < current.length) {
            double value = i < reference.length && (j >= current.length || reference[i] <= current[j])
                    ? reference[i] : current[j];
            int startI = i;
            int startJ = j;
            while (i < reference.length && reference[i] == value) {
                i++;
            }
            while (j < current.length && current[j] == value) {
                j++;
            }
            labels.add(NumberFormat.compact(value));
            pairs.add(new long[] {i - startI, j - startJ});
        }
        long[] ref = new long[pairs.size()];
        long[] cur = new long[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            ref[k] = pairs.get(k)[0];
            cur[k] = pairs.get(k)[1];
        }
        return new ValueCounts(labels, ref, cur);
    }

    /** From category counts of both samples. */
    static ValueCounts ofCategories(Map<String, Long> reference, Map<String, Long> current) {
        TreeSet<String> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        List<String> labels = new ArrayList<>(keys);
        long[] ref = new long[labels.size()];
        long[] cur = new long[labels.size()];
        for (int k = 0; k < labels.size(); k++) {
            ref[k] = reference.getOrDefault(labels.get(k), 0L);
            cur[k] = current.getOrDefault(labels.get(k), 0L);
        }
        return new ValueCounts(labels, ref, cur);
    }
}

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

    /** One label per numeric run ({@link NumberFormat#compact}), in value order. */
    static ValueCounts ofNumbers(ValueRuns runs) {
        List<String> labels = new ArrayList<>();
        List<long[]> pairs = new ArrayList<>();
        runs.forEach((value, reference, current) -> {
            labels.add(NumberFormat.compact(value));
            pairs.add(new long[] {reference, current});
        });
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

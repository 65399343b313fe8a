package dev.mlforge.monitoring.drift;

import java.util.Arrays;
import java.util.Map;

/** One column of both datasets prepared for testing: missing and non-finite values removed, numbers sorted once. */
sealed interface Samples permits Samples.Numbers, Samples.Categories {
    long referenceCount();

    long currentCount();

    /** Distinct values over both samples (Evidently's {@code n_values}). */
    int distinctValues();

    ValueCounts valueCounts();

    /**
     * Sorted finite numbers.
     *
     * @param reference sorted reference values
     * @param current sorted current values
     * @param distinctValues distinct values over both
     */
    record Numbers(double[] reference, double[] current, int distinctValues) implements Samples {
        static Numbers of(double[] referenceRaw, double[] currentRaw) {
            double[] reference = sortedFinite(referenceRaw);
            double[] current = sortedFinite(currentRaw);
            return new Numbers(reference, current, SortedArrays.countDistinctUnion(reference, current));
        }

        private static double[] sortedFinite(double[] raw) {
            int count = 0;
            for (double value : raw) {
                if (Double.isFinite(value)) {
                    count++;
                }
            }
            double[] result = new double[count];
            int k = 0;
            for (double value : raw) {
                if (Double.isFinite(value)) {
                    // -0.0 and 0.0 are one value for pandas; normalise so sorting and equality agree
                    result[k++] = value == 0 ? 0.0 : value;
                }
            }
            RadixSort.sort(result);
            return result;
        }

        @Override
        public long referenceCount() {
            return reference.length;
        }

        @Override
        public long currentCount() {
            return current.length;
        }

        @Override
        public ValueCounts valueCounts() {
            return ValueCounts.ofNumbers(reference, current);
        }
    }

    /**
     * Category counts.
     *
     * @param reference count per category in the reference
     * @param current count per category in the current data
     */
    record Categories(Map<String, Long> reference, Map<String, Long> current) implements Samples {
        static Categories of(String[] referenceRaw, String[] currentRaw) {
            return new Categories(count(referenceRaw), count(currentRaw));
        }

        private static Map<String, Long> count(String[] raw) {
            Map<String, Long> counts = new java.util.HashMap<>();
            for (String value : raw) {
                if (value != null) {
                    counts.merge(value, 1L, Long::sum);
                }
            }
            return counts;
        }

        @Override
        public long referenceCount() {
            return reference.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public long currentCount() {
            return current.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public int distinctValues() {
            java.util.Set<String> keys = new java.util.HashSet<>(reference.keySet());
            keys.addAll(current.keySet());
            return keys.size();
        }

        @Override
        public ValueCounts valueCounts() {
            return ValueCounts.ofCategories(reference, current);
        }
    }
}

package dev.mlforge.monitoring.drift;

import java.util.Map;

/** One column of both datasets prepared for testing: missing and non-finite values removed, numbers sorted once. */
sealed interface Samples permits Samples.Numbers, Samples.Categories {
    long referenceCount();

    long currentCount();

    /** Distinct values over both samples (Evidently's {@code n_values}). */
    int distinctValues();

    ValueCounts valueCounts();

    /**
     * Finite numbers of both samples as sorted runs (held in memory or streamed from an engine).
     *
     * @param runs the distinct values with their counts per side, ascending
     * @param summary sizes, distinct values and ranges from one pass over the runs
     */
    record Numbers(ValueRuns runs, RunSummary summary) implements Samples {
        static Numbers of(double[] referenceRaw, double[] currentRaw) {
            return of(ValueRuns.of(sortedFinite(referenceRaw), sortedFinite(currentRaw)));
        }

        static Numbers of(ValueRuns runs) {
            return new Numbers(runs, RunSummary.of(runs));
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
            return summary.referenceCount();
        }

        @Override
        public long currentCount() {
            return summary.currentCount();
        }

        @Override
        public int distinctValues() {
            return (int) Math.min(Integer.MAX_VALUE, summary.distinctValues());
        }

        @Override
        public ValueCounts valueCounts() {
            return ValueCounts.ofNumbers(runs);
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

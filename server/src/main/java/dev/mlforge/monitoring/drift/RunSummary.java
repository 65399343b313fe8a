package dev.mlforge.monitoring.drift;

/**
 * What one pass over {@link ValueRuns} tells before any test runs: sizes, distinct values and ranges.
 *
 * @param referenceCount finite reference values
 * @param currentCount finite current values
 * @param distinctValues distinct values over both samples
 * @param referenceDistinct distinct reference values
 * @param min the smallest value over both samples
 * @param max the largest value over both samples
 * @param referenceMin the smallest reference value (NaN when the reference is empty)
 * @param referenceMax the largest reference value (NaN when the reference is empty)
 * @param outsideReferenceRange current values below referenceMin or above referenceMax
 */
record RunSummary(long referenceCount, long currentCount, long distinctValues, long referenceDistinct, double min,
        double max, double referenceMin, double referenceMax, long outsideReferenceRange) {

    static RunSummary of(ValueRuns runs) {
        Accumulator accumulator = new Accumulator();
        runs.forEach(accumulator);
        return accumulator.summary();
    }

    private static final class Accumulator implements ValueRuns.Visitor {
        private long referenceCount;
        private long currentCount;
        private long distinct;
        private long referenceDistinct;
        private double min = Double.NaN;
        private double max = Double.NaN;
        private double referenceMin = Double.NaN;
        private double referenceMax = Double.NaN;
        private long currentBeforeReference;
        private long currentThroughLastReference;

        @Override
        public void run(double value, long reference, long current) {
            if (distinct == 0) {
                min = value;
            }
            max = value;
            distinct++;
            currentCount += current;
            if (reference > 0) {
                if (referenceDistinct == 0) {
                    referenceMin = value;
                    currentBeforeReference = currentCount - current;
                }
                referenceMax = value;
                referenceDistinct++;
                referenceCount += reference;
                currentThroughLastReference = currentCount;
            }
        }

        RunSummary summary() {
            long outside = referenceDistinct == 0 ? currentCount
                    : currentBeforeReference + (currentCount - currentThroughLastReference);
            return new RunSummary(referenceCount, currentCount, distinct, referenceDistinct, min, max, referenceMin,
                    referenceMax, outside);
        }
    }
}

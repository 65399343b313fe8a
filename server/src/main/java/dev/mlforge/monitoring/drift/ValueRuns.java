package dev.mlforge.monitoring.drift;

/**
 * A numerical column of both samples as runs: its distinct finite values in ascending order, each with how many times
 * it occurs in the reference and in the current data. Every rank- and ECDF-based statistic needs only this, so the
 * same code serves arrays held in memory and sorted aggregates streamed from a columnar engine. A source can be walked
 * several times (one pass per statistic); each walk visits the same runs in the same order.
 */
interface ValueRuns {
    /** Receives one run. */
    interface Visitor {
        /**
         * @param value the distinct value (finite; -0.0 is folded into 0.0)
         * @param reference how often it occurs in the reference (may be 0)
         * @param current how often it occurs in the current data (may be 0)
         */
        void run(double value, long reference, long current);
    }

    /** Visits every run in ascending value order. */
    void forEach(Visitor visitor);

    /** Runs over two sorted arrays of finite values, merged on the fly. */
    static ValueRuns of(double[] sortedReference, double[] sortedCurrent) {
        return visitor -> {
            int i = 0;
            int j = 0;
            while (i < sortedReference.length || j < sortedCurrent.length) {
                double value = i < sortedReference.length
                        && (j >= sortedCurrent.length || sortedReference[i] <= sortedCurrent[j])
                        ? sortedReference[i] : sortedCurrent[j];
                int startI = i;
                int startJ = j;
                while (i < sortedReference.length && sortedReference[i] == value) {
                    i++;
                }
                while (j < sortedCurrent.length && sortedCurrent[j] == value) {
                    j++;
                }
                visitor.run(value, i - startI, j - startJ);
            }
        };
    }
}

package dev.mlforge.monitoring.drift;

import java.util.Arrays;

/**
 * Sorts large arrays of finite doubles (no NaN, no -0.0) by an LSD radix sort on their order-preserving bit patterns:
 * four 16-bit passes, skipping passes where every key shares the digit. Several times faster than
 * {@link Arrays#sort(double[])} at a million values; small arrays use Arrays.sort.
 */
final class RadixSort {
    static final int THRESHOLD = 20_000;
    private static final int RADIX_BITS = 16;
    private static final int BUCKETS = 1 << RADIX_BITS;

    private RadixSort() {
    }

    static void sort(double[] values) {
        int n = values.length;
        if (n < THRESHOLD) {
            Arrays.sort(values);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
        long[] buffer = new long[n];
        int[] counts = new int[BUCKETS];
        for (int shift = 0; shift < 64; shift += RADIX_BITS) {
            Arrays.fill(counts, 0);
            for (long key : keys) {
                counts[(int) (key >>> shift) & (BUCKETS - 1)]++;
            }
            if (counts[(int) (keys[0] >>> shift) & (BUCKETS - 1)] == n) {
                continue;
            }
            int total = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int count = counts[b];
                counts[b] = total;
                total += count;
            }
            for (long key : keys) {
                buffer[counts[(int) (key >>> shift) & (BUCKETS - 1)]++] = key;
            }
            long[] swap = keys;
            keys = buffer;
            buffer = swap;
        }
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            long bits = key ^ ((~key >> 63) | Long.MIN_VALUE);
            values[i] = Double.longBitsToDouble(bits);
        }
    }
}

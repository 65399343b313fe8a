package dev.mlforge.monitoring.drift;

import java.util.Arrays;

/**
 * Sorts large arrays of finite doubles (no NaN, no -0.0) by an LSD radix sort on their order-preserving bit patterns:
 * six 11-bit passes (one counting pass for all digits), skipping passes where every key shares the digit. Several times faster than
 * {@link Arrays#sort(double[])} at a million values; small arrays use Arrays.sort.
 */
final class RadixSort {
    static final int THRESHOLD = 20_000;
    private static final int RADIX_BITS = 11;
    private static final int BUCKETS = 1 << RADIX_BITS;
    private static final int PASSES = 6;

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
        int[][] counts = new int[PASSES][BUCKETS];
        for (long key : keys) {
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass][(int) (key >>> (pass * RADIX_BITS)) & (BUCKETS - 1)]++;
            }
        }
        for (int pass = 0; pass < PASSES; pass++) {
            int shift = pass * RADIX_BITS;
            int[] offsets = counts[pass];
            if (offsets[(int) (keys[0] >>> shift) & (BUCKETS - 1)] == n) {
                continue;
            }
            int total = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int count = offsets[b];
                offsets[b] = total;
                total += count;
            }
            for (long key : keys) {
                buffer[offsets[(int) (key >>> shift) & (BUCKETS - 1)]++] = key;
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

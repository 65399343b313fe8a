package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadixSortTest {
    @Test
    void large_arrays_sort_like_arrays_sort_including_negatives_ties_and_extremes() {
        Random random = new Random(11);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> random.nextGaussian() * 1e6;
                case 1 -> -random.nextInt(10);
                case 2 -> random.nextDouble() * Double.MIN_VALUE * 1e3;
                case 3 -> i % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
                default -> 0.0;
            };
        }
        double[] expected = values.clone();
        Arrays.sort(expected);

        RadixSort.sort(values);

        assertThat(values).containsExactly(expected);
    }
}

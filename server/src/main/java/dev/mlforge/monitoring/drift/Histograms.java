package dev.mlforge.monitoring.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Display histograms: per-value bars for few values, Sturges bins otherwise, the top categories for categories. */
final class Histograms {
    static final int MAX_CATEGORIES = 15;

    private Histograms() {
    }

    static Histogram of(Samples samples) {
        if (samples instanceof Samples.Numbers numbers && numbers.distinctValues() > 20) {
            RunSummary summary = numbers.summary();
            double[] edges = HistogramEdges.sturges(summary.min(), summary.max(),
                    summary.referenceCount() + summary.currentCount());
            List<String> labels = new ArrayList<>();
            for (int i = 0; i + 1 < edges.length; i++) {
                labels.add(String.format(java.util.Locale.ROOT, "%.4g", edges[i]));
            }
            long[][] counts = HistogramEdges.counts(numbers.runs(), edges);
            return new Histogram(labels, BinnedShares.shares(counts[0], summary.referenceCount()),
                    BinnedShares.shares(counts[1], summary.currentCount()));
        }
        ValueCounts counts = samples.valueCounts();
        if (counts.labels().size() <= MAX_CATEGORIES) {
            BinnedShares shares = BinnedShares.of(counts);
            return new Histogram(counts.labels(), shares.reference(), shares.current());
        }
        return topCategories(counts);
    }

    private static Histogram topCategories(ValueCounts counts) {
        double referenceTotal = counts.referenceTotal();
        double currentTotal = counts.currentTotal();
        List<Integer> order = IntStream.range(0, counts.labels().size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -(counts.reference()[i] / referenceTotal
                        + counts.current()[i] / currentTotal)))
                .toList();
        int shown = MAX_CATEGORIES - 1;
        List<String> labels = new ArrayList<>();
        double[] reference = new double[MAX_CATEGORIES];
        double[] current = new double[MAX_CATEGORIES];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            int slot = Math.min(k, shown);
            if (k < shown) {
                labels.add(counts.labels().get(i));
            }
            reference[slot] += counts.reference()[i] / referenceTotal;
            current[slot] += counts.current()[i] / currentTotal;
        }
        labels.add("(other)");
        return new Histogram(labels, reference, current);
    }
}

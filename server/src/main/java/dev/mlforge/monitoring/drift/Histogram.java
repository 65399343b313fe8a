package dev.mlforge.monitoring.drift;

import java.util.List;

/**
 * Shares of the reference and the current data per bin, for display.
 *
 * @param labels one label per bin (a value, a category or an interval)
 * @param reference reference share per bin
 * @param current current share per bin
 */
public record Histogram(List<String> labels, double[] reference, double[] current) {
    static final Histogram EMPTY = new Histogram(List.of(), new double[0], new double[0]);
}

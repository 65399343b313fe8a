package dev.mlforge.training;

import java.util.List;

/** Counts of (true label, predicted label) pairs on the evaluation set: {@code counts[truth][predicted]}. */
public record ConfusionMatrix(List<String> labels, long[][] counts) {}

package dev.mlforge.serving;

import java.time.Instant;

/**
 * Which logged predictions to read back: a deployment's, in {@code [from, to)}, of one version, primary or shadow
 * answers, strictly older than {@code after} (keyset paging), at most {@code limit}. Null fields do not filter.
 */
record PredictionQuery(String deployment, Instant from, Instant to, String version, Boolean shadow,
        PredictionPage.Key after, int limit) {}

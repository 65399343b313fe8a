package dev.mlforge.serving;

import java.time.Instant;

/** A request answered by both the primary and the shadow: the versions and their output tensors (JSON). */
record ShadowPair(String requestId, Instant time, String primaryVersion, String shadowVersion, String primaryOutputsJson,
        String shadowOutputsJson) {}

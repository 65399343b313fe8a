package dev.mlforge.serving;

import java.time.Instant;

/** A logged prediction read back with its row id (the paging key) and when its feedback arrived (null without). */
record StoredPrediction(long id, PredictionRecord record, Instant feedbackTime) {}

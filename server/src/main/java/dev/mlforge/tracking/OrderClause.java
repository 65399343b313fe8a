package dev.mlforge.tracking;

/** One order-by item such as {@code metrics.rmse DESC}. */
record OrderClause(EntityType type, String key, boolean ascending) {
}

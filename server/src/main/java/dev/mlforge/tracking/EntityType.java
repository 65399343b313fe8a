package dev.mlforge.tracking;

/** What a search-filter or order-by identifier refers to: {@code metrics.x}, {@code params.x}, ... */
enum EntityType {
    METRIC, PARAM, TAG, ATTRIBUTE, DATASET
}

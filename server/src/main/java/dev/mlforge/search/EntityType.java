package dev.mlforge.search;

/** What a search-filter or order-by identifier refers to: {@code metrics.x}, {@code params.x}, {@code tags.x}, ... */
public enum EntityType {
    METRIC, PARAM, TAG, ATTRIBUTE, DATASET,
    /** A trace's {@code metadata.x} (MLflow's {@code request_metadata}). */
    METADATA
}

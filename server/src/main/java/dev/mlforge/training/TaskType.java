package dev.mlforge.training;

/** What a trainer learns: class labels, real values, or clusters. */
public enum TaskType {
    CLASSIFICATION,
    REGRESSION,
    CLUSTERING
}

package dev.mlforge.monitoring.monitors;

/**
 * Finds the CSV file of a reference in the artifact repository: a dataset version's stored file, or a run's logged
 * artifact. MlforgeException RESOURCE_DOES_NOT_EXIST when the dataset version or run does not exist.
 */
@FunctionalInterface
public interface ReferenceLocator {
    /** The repository-relative path of the reference CSV, e.g. {@code datasets/wine/<sha256>/wine.csv}. */
    String artifactPath(ReferenceSpec spec);
}

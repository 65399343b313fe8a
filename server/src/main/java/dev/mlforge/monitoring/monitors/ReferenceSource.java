package dev.mlforge.monitoring.monitors;

/** Loads the reference data a monitor compares recent predictions with. */
public interface ReferenceSource {
    /** No reference store at all (before the artifact repository is wired in): every reference is missing. */
    ReferenceSource NONE = spec -> {
        throw dev.mlforge.api.MlforgeException.notFound("Reference of " + spec.describe()
                + " cannot be read: no artifact repository is configured for monitoring");
    };

    /** The reference columns; MlforgeException RESOURCE_DOES_NOT_EXIST when the dataset version or artifact is absent. */
    ColumnTable load(ReferenceSpec spec);
}

package dev.mlforge.monitoring.monitors;

/** Loads the reference data a monitor compares recent predictions with. */
public interface ReferenceSource {
    /** The reference columns; MlforgeException RESOURCE_DOES_NOT_EXIST when the dataset version or artifact is absent. */
    ColumnTable load(ReferenceSpec spec);
}

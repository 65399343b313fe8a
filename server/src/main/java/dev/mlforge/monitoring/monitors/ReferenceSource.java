package dev.mlforge.monitoring.monitors;

/** Loads the reference data a monitor compares recent predictions with. */
public interface ReferenceSource {
    /** The reference columns; MlforgeException RESOURCE_DOES_NOT_EXIST when the dataset version or artifact is absent. */
    ColumnTable load(ReferenceSpec spec);

    /**
     * The reference as one CSV file, for the bounded-memory engine, which reads it in place; empty when this source
     * has no file, the default.
     *
     * @throws dev.mlforge.http.MlforgeException RESOURCE_DOES_NOT_EXIST when the dataset version or artifact is absent
     */
    default java.util.Optional<ReferenceFile> file(ReferenceSpec spec) {
        return java.util.Optional.empty();
    }

    /**
     * A reference CSV file: {@code name} for messages (its artifact path, never the server's local file), its size,
     * and how to get it on the local disk (a remote store downloads it then).
     */
    record ReferenceFile(String name, long bytes, java.util.function.Supplier<java.nio.file.Path> local) {}
}

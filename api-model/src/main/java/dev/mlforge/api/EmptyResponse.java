package dev.mlforge.api;

/**
 * The empty object, {@code {}}, that MLflow answers a call with nothing to return: deleting or restoring an entity,
 * setting or deleting a tag, logging a metric, a parameter or a batch.
 */
public record EmptyResponse() {
    /** The one value: the record has no fields, so every instance writes {@code {}}. */
    public static final EmptyResponse INSTANCE = new EmptyResponse();
}

package dev.mlforge.api;

/**
 * The error codes of MLflow's REST API, carried in every error body as {@code error_code}.
 *
 * <p>The names are MLflow's own (see {@code mlflow/protos/databricks.proto}) so that MLflow clients
 * recognise them; the server maps each to an HTTP status in one place.
 */
public enum ErrorCode {
    /** A request field is missing or has a value the server will not accept. */
    INVALID_PARAMETER_VALUE,
    /** The request cannot be parsed at all. */
    BAD_REQUEST,
    /** The named entity already exists (HTTP 400, as MLflow answers). */
    RESOURCE_ALREADY_EXISTS,
    /** The named entity does not exist. */
    RESOURCE_DOES_NOT_EXIST,
    /** No route matches the request path. */
    ENDPOINT_NOT_FOUND,
    /** The caller is not authenticated. */
    UNAUTHENTICATED,
    /** The caller may not perform this action. */
    PERMISSION_DENIED,
    /** A concurrent change conflicts with this one. */
    RESOURCE_CONFLICT,
    /** The request body or a queue is over its limit. */
    RESOURCE_EXHAUSTED,
    /** Too many requests; try again later. */
    REQUEST_LIMIT_EXCEEDED,
    /** The entity is in a state that does not allow the operation. */
    INVALID_STATE,
    /** An unexpected failure inside the server. */
    INTERNAL_ERROR,
    /** The operation is not implemented by this server. */
    NOT_IMPLEMENTED,
    /** The service cannot take the request now; retry later. */
    TEMPORARILY_UNAVAILABLE,
    /** The operation did not finish in time. */
    DEADLINE_EXCEEDED
}

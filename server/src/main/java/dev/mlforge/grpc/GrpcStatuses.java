package dev.mlforge.grpc;

import dev.mlforge.http.ErrorResponses;
import dev.mlforge.http.MlforgeException;
import io.grpc.Status;

/** mlforge's error codes as gRPC statuses: the gRPC counterpart of the HTTP status mapping in {@link ErrorResponses}. */
public final class GrpcStatuses {
    private GrpcStatuses() {}

    public static Status of(MlforgeException exception) {
        Status status = switch (exception.errorCode()) {
            case INVALID_PARAMETER_VALUE, BAD_REQUEST -> Status.INVALID_ARGUMENT;
            case RESOURCE_ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case RESOURCE_DOES_NOT_EXIST, ENDPOINT_NOT_FOUND -> Status.NOT_FOUND;
            case RESOURCE_CONFLICT, INVALID_STATE -> Status.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED, REQUEST_LIMIT_EXCEEDED -> Status.RESOURCE_EXHAUSTED;
            case NOT_IMPLEMENTED -> Status.UNIMPLEMENTED;
            case TEMPORARILY_UNAVAILABLE -> Status.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
            case INTERNAL_ERROR -> Status.INTERNAL;
        };
        return status.withDescription(exception.errorCode().name() + ": " + ErrorResponses.clientMessage(exception));
    }
}

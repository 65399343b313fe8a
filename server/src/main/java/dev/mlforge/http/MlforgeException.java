package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

/**
 * The one unchecked exception of the platform: it carries an MLflow {@link ErrorCode}, and
 * {@link ErrorResponses} turns it into an HTTP status and body. Messages name the entity and its id.
 */
public class MlforgeException extends RuntimeException {
    private final ErrorCode errorCode;

    public MlforgeException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public MlforgeException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * Headers the answer carries besides the error body ({@code Retry-After} on a refused write of a caller over its
     * rate); none by default.
     */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    public static MlforgeException invalidParameter(String message) {
        return new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static MlforgeException notFound(String message) {
        return new MlforgeException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    public static MlforgeException alreadyExists(String message) {
        return new MlforgeException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
    }

    public static MlforgeException invalidState(String message) {
        return new MlforgeException(ErrorCode.INVALID_STATE, message);
    }
}

package dev.mlforge.sdk;

import dev.mlforge.api.ErrorCode;

/**
 * A failed call to the mlforge server: the server's error answer, or a transport failure.
 *
 * <p>For an error answer, {@link #httpStatus()} is the HTTP status and {@link #errorCode()} MLflow's
 * {@code error_code} (for example {@code RESOURCE_DOES_NOT_EXIST}). For a transport failure (connection
 * refused, time-out, interrupted call) the status is {@code 0} and the error code is null.
 * {@link #getMessage()} reads {@code "RESOURCE_DOES_NOT_EXIST: Run with id=... not found"}.
 */
public class MlforgeClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer, 0 for transport failures. */
    private final int httpStatus;
    /** MLflow's error code of the answer, null when it had none. */
    private final String errorCode;
    /** The message of the answer or of the transport failure. */
    private final String serverMessage;

    /**
     * Creates an exception for an error answer of the server.
     *
     * @param httpStatus the HTTP status, or 0 when no answer was received
     * @param errorCode the {@code error_code} of the answer, or null when it had none
     * @param serverMessage the message of the answer (or of the transport failure)
     * @param cause the underlying failure, or null
     */
    public MlforgeClientException(int httpStatus, String errorCode, String serverMessage, Throwable cause) {
        super(errorCode == null ? serverMessage : errorCode + ": " + serverMessage, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /**
     * The HTTP status of the error answer.
     *
     * @return the status, or 0 when the call failed before an answer was received
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * MLflow's error code, as sent by the server.
     *
     * @return the code such as {@code INVALID_PARAMETER_VALUE}, or null for transport failures
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The message of the server (or of the transport failure), without the error code in front.
     *
     * @return the message
     */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * Whether the server answered with the given error code.
     *
     * @param code the code to compare with
     * @return true when {@link #errorCode()} is {@code code}'s name
     */
    public boolean is(ErrorCode code) {
        return code.name().equals(errorCode);
    }
}

package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;

/** The upload state of a logged model, with MLflow's enum names and numbers (PENDING until finalized). */
public enum LoggedModelStatus {
    PENDING(1, "LOGGED_MODEL_PENDING"), READY(2, "LOGGED_MODEL_READY"), UPLOAD_FAILED(3, "LOGGED_MODEL_UPLOAD_FAILED");

    private final int number;
    private final String wireName;

    LoggedModelStatus(int number, String wireName) {
        this.number = number;
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static LoggedModelStatus fromWire(String value) {
        for (LoggedModelStatus status : values()) {
            if (status.wireName.equals(value) || String.valueOf(status.number).equals(value)) {
                return status;
            }
        }
        throw MlforgeException.invalidParameter("Invalid value '" + value + "' for parameter 'status': expected one of "
                + "LOGGED_MODEL_PENDING, LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED.");
    }
}

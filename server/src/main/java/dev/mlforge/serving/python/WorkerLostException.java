package dev.mlforge.serving.python;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;

/** A Python worker died or was killed during a call: its pool replaces it, the caller gets 503 or 504. */
final class WorkerLostException extends MlforgeException {
    WorkerLostException(ErrorCode code, String message) {
        super(code, message);
    }
}

package dev.mlforge.serving;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;

/**
 * The model a request picked was unloaded (its deployment switched version) before the request reached it. The
 * inference service catches it and retries on the deployment's current model, so a version switch fails no request.
 */
final class ModelRetiredException extends MlforgeException {
    ModelRetiredException(String model) {
        super(ErrorCode.TEMPORARILY_UNAVAILABLE, "Model " + model + " is being unloaded; retry");
    }
}

package dev.mlforge.serving.python;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.util.List;

/**
 * A worker found that its interpreter cannot import some of the model's packages: INVALID_PARAMETER_VALUE naming
 * them, which {@link PythonPredictor} may answer by building the model an environment.
 */
final class MissingPythonPackages extends MlforgeException {
    private final List<String> missing;

    MissingPythonPackages(String message, List<String> missing) {
        super(ErrorCode.INVALID_PARAMETER_VALUE, message);
        this.missing = List.copyOf(missing);
    }

    List<String> missing() {
        return missing;
    }
}

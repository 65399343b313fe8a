package dev.mlforge.serving.spi;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.Predictor;
import java.util.Set;

/**
 * An out-of-process provider of the {@code weighted_sum} flavor's twin {@code remote_sum}, like a Python worker
 * pool for {@code python_function}: serving must prefer a native flavor of the same model, so loading through this
 * one fails the test that checks the choice.
 */
public final class RemoteOnlyProvider implements PredictorProvider {
    @Override
    public String name() {
        return "remote_sum";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("remote_sum");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of();
    }

    @Override
    public int priority() {
        return OUT_OF_PROCESS;
    }

    @Override
    public Predictor load(ModelFiles model) {
        throw MlforgeException.invalidParameter("remote_sum was chosen over a native flavor of " + model.directory().getFileName());
    }
}

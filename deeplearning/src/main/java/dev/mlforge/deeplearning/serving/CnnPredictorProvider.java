package dev.mlforge.deeplearning.serving;

import dev.mlforge.deeplearning.CnnModelFile;
import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.Set;

/**
 * Serves the CNN the deeplearning module trains ({@code djl_cnn} flavor) with DJL's PyTorch engine. It lives in
 * this optional module so DJL and the PyTorch natives stay out of the server's jar; the server finds it through
 * {@code META-INF/services} when this module's jar is on its class path.
 */
public final class CnnPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return CnnModelFile.FLAVOR;
    }

    @Override
    public Set<String> flavors() {
        return Set.of(CnnModelFile.FLAVOR);
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of();
    }

    @Override
    public Predictor load(ModelFiles model) {
        return CnnPredictor.load(model.directory(), model.settings());
    }
}

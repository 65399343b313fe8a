package dev.mlforge.deeplearning.serving;

import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Serves the {@code pytorch} flavor when MLflow saved a TorchScript module ({@code torch.jit.script} or
 * {@code trace}: {@code data/model.pth} is a TorchScript archive) with DJL's PyTorch engine, in the JVM. A module
 * saved with {@code torch.save} is a pickle of Python classes, which only Python loads: this provider declines it,
 * so an out-of-process {@code python_function} provider can take it.
 */
public final class TorchScriptPredictorProvider implements PredictorProvider {
    @Override
    public String name() {
        return "pytorch";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("pytorch");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of();
    }

    @Override
    public Optional<String> unsupportedReason(ModelFiles model) {
        Path file = modelFile(model);
        if (!Files.isRegularFile(file)) {
            return Optional.of("no " + relative(model, file) + " (a torch.export model.pt2 is not supported)");
        }
        try (ZipFile archive = new ZipFile(file.toFile())) {
            boolean scripted = archive.stream().anyMatch(entry -> entry.getName().contains("/code/"));
            return scripted ? Optional.empty() : Optional.of(relative(model, file)
                    + " is a pickled torch.nn.Module (torch.save), which only Python loads; log torch.jit.script(model) to serve it in the JVM");
        } catch (IOException e) {
            return Optional.of(relative(model, file) + " is not a TorchScript archive");
        }
    }

    @Override
    public Predictor load(ModelFiles model) {
        Path file = modelFile(model);
        return TorchScriptPredictor.load(file, model.mlmodel());
    }

    private static Path modelFile(ModelFiles model) {
        String data = model.settings().path("model_data").asText("data");
        return model.directory().resolve(data).resolve("model.pth").normalize();
    }

    private static String relative(ModelFiles model, Path file) {
        return model.directory().normalize().relativize(file).toString();
    }
}

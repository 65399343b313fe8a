package dev.mlforge.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import dev.mlforge.models.MlModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tribuo.ONNXExportable;

/**
 * Writes a trained model as an MLflow-style model directory: Tribuo's native protobuf format always, ONNX where
 * Tribuo can export the model (linear and logistic SGD), and an {@code MLmodel} file whose flavors tell the
 * serving layer how to load it ({@code onnx} + {@code python_function} via {@code mlflow.onnx}, or {@code tribuo}).
 */
public final class ModelSaver {
    static final String ONNX_DOMAIN = "dev.mlforge";

    private final Clock clock;

    public ModelSaver(Clock clock) {
        this.clock = clock;
    }

    public SavedModel save(TrainedModel trained, Path directory) {
        try {
            Files.createDirectories(directory);
            Path tribuoFile = directory.resolve("model.tribuo");
            trained.model().serializeToFile(tribuoFile);
            Path onnxFile = exportOnnx(trained, directory.resolve("model.onnx"));
            Path card = directory.resolve("model_card.md");
            Files.writeString(card, ModelCard.render(trained, onnxFile != null));
            Files.writeString(directory.resolve("provenance.json"), trained.provenanceJson());
            Files.writeString(directory.resolve("metrics.json"), json(trained.metrics()));
            if (trained.confusion() != null) {
                Files.writeString(directory.resolve("confusion_matrix.json"), json(trained.confusion()));
            }
            Path mlmodel = MlModel.of(mlmodel(trained, onnxFile != null)).writeTo(directory);
            return new SavedModel(directory, onnxFile != null ? "onnx" : "tribuo", mlmodel, tribuoFile, onnxFile, card);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save model " + trained.trainer() + " to " + directory, e);
        }
    }

    private static Path exportOnnx(TrainedModel trained, Path target) throws IOException {
        if (!(trained.model() instanceof ONNXExportable exportable)) {
            return null;
        }
        try {
            exportable.saveONNXModel(ONNX_DOMAIN, 1, target);
            return target;
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // Ensembles implement ONNXExportable but refuse when a member (e.g. a tree) cannot be exported.
            Files.deleteIfExists(target);
            return null;
        }
    }

    private Map<String, Object> mlmodel(TrainedModel trained, boolean onnx) throws JsonProcessingException {
        Map<String, Object> flavors = new LinkedHashMap<>();
        if (onnx) {
            Map<String, Object> onnxFlavor = new LinkedHashMap<>();
            onnxFlavor.put("code", null);
            onnxFlavor.put("onnx_model_path", "model.onnx");
            onnxFlavor.put("providers", List.of("CPUExecutionProvider"));
            flavors.put("onnx", onnxFlavor);
            flavors.put("python_function", Map.of("loader_module", "mlflow.onnx", "data", "model.onnx",
                    "python_version", "3.11"));
        }
        flavors.put("tribuo", Map.of("model_path", "model.tribuo", "tribuo_version", org.tribuo.Tribuo.VERSION,
                "model_class", trained.model().getClass().getName()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("artifact_path", "model");
        document.put("flavors", flavors);
        document.put("model_uuid", UUID.randomUUID().toString().replace("-", ""));
        document.put("utc_time_created", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                .format(clock.instant().atOffset(ZoneOffset.UTC)));
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("inputs", json(List.of(tensor("input", trained.featureNames().size()))));
        signature.put("outputs", json(List.of(tensor("output", outputWidth(trained)))));
        signature.put("params", null);
        document.put("signature", signature);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("task", trained.task().name().toLowerCase());
        metadata.put("trainer", trained.trainer());
        metadata.put("feature_names", trained.featureNames());
        metadata.put("output_labels", trained.outputLabels());
        metadata.put("parameters", trained.parameters().asStrings());
        metadata.put("metrics", trained.metrics());
        document.put("metadata", metadata);
        return document;
    }

    private static int outputWidth(TrainedModel trained) {
        return switch (trained.task()) {
            case CLASSIFICATION -> trained.outputLabels().size();
            case REGRESSION -> 1;
            case CLUSTERING -> 1;
        };
    }

    private static Map<String, Object> tensor(String name, int width) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "tensor");
        spec.put("tensor-spec", Map.of("dtype", "float32", "shape", List.of(-1, width)));
        spec.put("name", name);
        return spec;
    }

    private static String json(Object value) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(value);
    }
}

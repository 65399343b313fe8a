package dev.mlforge.deeplearning.serving;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.deeplearning.Cnn;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.ModelSignature;
import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The trained CNN rebuilt from its flavor settings and DJL parameters. {@code image} is FP32
 * {@code [-1, 1, height, width]}; it answers {@code label} (INT64, the arg-max class) and {@code probabilities}
 * (FP32, the softmax of the logits), and {@code /invocations} answers the labels. Calls are serialised: a DJL block
 * forward pass shares the model's parameter arrays.
 */
final class CnnPredictor implements Predictor {
    private final Model model;
    private final int height;
    private final int width;
    private final int classes;
    private final ModelSignature signature;

    private CnnPredictor(Model model, int height, int width, int classes) {
        this.model = model;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.signature = new ModelSignature("djl_pytorch",
                List.of(new TensorSpec("image", DataType.FP32, List.of(-1L, 1L, (long) height, (long) width), true)),
                List.of(new TensorSpec("label", DataType.INT64, List.of(-1L), true),
                        new TensorSpec("probabilities", DataType.FP32, List.of(-1L, (long) classes), true)),
                List.of(), List.of("label"));
    }

    static CnnPredictor load(Path directory, JsonNode settings) {
        int filters = settings.path("filters").asInt(0);
        int classes = settings.path("classes").asInt(0);
        int height = settings.path("height").asInt(0);
        int width = settings.path("width").asInt(0);
        if (filters <= 0 || classes <= 0 || height <= 0 || width <= 0) {
            throw MlforgeException.invalidParameter("The djl_cnn flavor needs positive filters, classes, height and width; got "
                    + settings);
        }
        String name = settings.path("model_name").asText("cnn");
        Model model = Model.newInstance(name, settings.path("engine").asText("PyTorch"));
        try {
            model.setBlock(Cnn.block(filters, classes));
            model.load(directory, name);
            return new CnnPredictor(model, height, width, classes);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load the djl_cnn model '" + name
                    + "' (" + e.getClass().getSimpleName() + "): " + String.valueOf(e.getMessage())
                            .replace(directory.toAbsolutePath().toString(), "").replace(directory.toString(), ""), e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public synchronized List<Tensor> predict(List<Tensor> inputs) {
        Tensor input = inputs.get(0);
        int rows = input.rows();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray images = scope.create((float[]) input.data(), new Shape(rows, 1, height, width));
            NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(images), false)
                    .singletonOrThrow();
            float[] probabilities = logits.softmax(1).toFloatArray();
            long[] labels = logits.argMax(1).toLongArray();
            return List.of(new Tensor("label", DataType.INT64, new long[] {rows}, labels),
                    new Tensor("probabilities", DataType.FP32, new long[] {rows, classes}, probabilities));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}

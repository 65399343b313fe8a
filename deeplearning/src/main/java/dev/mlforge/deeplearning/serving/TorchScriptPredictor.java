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
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.ModelSignature;
import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript module run by DJL's PyTorch engine. TorchScript declares no tensor shapes, so the inputs and
 * outputs are the MLflow tensor signature's (names, or {@code input}/{@code output} with an index after the
 * first); a model without one is refused. FP32, FP64, INT32 and INT64 tensors go in and come out. Calls are
 * serialised on the module.
 */
final class TorchScriptPredictor implements Predictor {
    private final Model model;
    private final ModelSignature signature;

    private TorchScriptPredictor(Model model, ModelSignature signature) {
        this.model = model;
        this.signature = signature;
    }

    static TorchScriptPredictor load(Path file, MlModel mlmodel) {
        ModelSignature signature = signature(mlmodel);
        Model model = Model.newInstance("model", "PyTorch");
        try {
            model.load(file.getParent(), String.valueOf(file.getFileName()));
            return new TorchScriptPredictor(model, signature);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load TorchScript model "
                    + file.getFileName() + " (" + e.getClass().getSimpleName() + "): " + String.valueOf(e.getMessage())
                            .replace(file.toAbsolutePath().toString(), String.valueOf(file.getFileName())), e);
        }
    }

    private static ModelSignature signature(MlModel mlmodel) {
        JsonNode signature = mlmodel == null ? null : mlmodel.signature();
        List<TensorSpec> inputs = signature == null ? List.of() : specs(signature.path("inputs"), "input");
        if (inputs.isEmpty()) {
            throw MlforgeException.invalidParameter("A TorchScript model needs an MLflow tensor signature (its inputs'"
                    + " dtype and shape); log it with signature=infer_signature(x, model(x))");
        }
        List<TensorSpec> outputs = specs(signature.path("outputs"), "output");
        return new ModelSignature("pytorch_torchscript", inputs,
                outputs.isEmpty() ? List.of(new TensorSpec("output", DataType.FP32, List.of(-1L), true)) : outputs, List.of());
    }

    private static List<TensorSpec> specs(JsonNode specs, String prefix) {
        List<TensorSpec> result = new ArrayList<>();
        for (JsonNode spec : specs) {
            if (!"tensor".equals(spec.path("type").asText())) {
                throw MlforgeException.invalidParameter("A TorchScript model needs a tensor signature, not columns");
            }
            List<Long> shape = new ArrayList<>();
            spec.path("tensor-spec").path("shape").forEach(dim -> shape.add(dim.asLong()));
            String name = spec.path("name").asText(result.isEmpty() ? prefix : prefix + "_" + result.size());
            result.add(new TensorSpec(name, datatype(spec.path("tensor-spec").path("dtype").asText("float32")), shape, true));
        }
        return result;
    }

    private static DataType datatype(String dtype) {
        return switch (dtype) {
            case "float64", "double" -> DataType.FP64;
            case "int32" -> DataType.INT32;
            case "int64" -> DataType.INT64;
            case "float32", "float" -> DataType.FP32;
            default -> throw MlforgeException.invalidParameter("TorchScript serving takes float32, float64, int32 and"
                    + " int64 tensors, not " + dtype);
        };
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public synchronized List<Tensor> predict(List<Tensor> inputs) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList feed = new NDList();
            for (Tensor input : inputs) {
                feed.add(array(scope, input));
            }
            NDList results = model.getBlock().forward(new ParameterStore(scope, false), feed, false);
            List<Tensor> outputs = new ArrayList<>();
            for (int i = 0; i < results.size() && i < signature.outputs().size(); i++) {
                outputs.add(tensor(signature.outputs().get(i), results.get(i)));
            }
            return outputs;
        }
    }

    private static NDArray array(NDManager scope, Tensor input) {
        Shape shape = new Shape(input.shape());
        return switch (input.datatype()) {
            case FP64 -> scope.create((double[]) input.data(), shape);
            case INT32 -> scope.create((int[]) input.data(), shape);
            case INT64 -> scope.create((long[]) input.data(), shape);
            default -> scope.create((float[]) input.data(), shape);
        };
    }

    private static Tensor tensor(TensorSpec spec, NDArray array) {
        long[] shape = array.getShape().getShape();
        return switch (spec.datatype()) {
            case FP64 -> new Tensor(spec.name(), DataType.FP64, shape, array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
            case INT32 -> new Tensor(spec.name(), DataType.INT32, shape, array.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray());
            case INT64 -> new Tensor(spec.name(), DataType.INT64, shape, array.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray());
            default -> new Tensor(spec.name(), DataType.FP32, shape, array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
        };
    }

    @Override
    public void close() {
        model.close();
    }
}

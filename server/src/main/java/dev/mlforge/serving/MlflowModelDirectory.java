package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.training.Featurizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an MLflow model directory ({@code MLmodel} YAML) as MLflow's Python client writes it: the flavor a
 * {@link dev.mlforge.serving.spi.PredictorProvider} serves (see {@link PredictorProviders} for the choice), a pipeline's
 * {@code featurizer.json} when there is one (see {@link FeaturizedPredictor}), and the {@code signature}, whose {@code inputs}
 * and {@code outputs} are JSON strings of tensor specs ({@code {"type": "tensor", "tensor-spec": {"dtype",
 * "shape"}}}) or columns ({@code {"type": "double", "name", "required"}}).
 */
final class MlflowModelDirectory {
    private static final String FEATURIZER = "featurizer.json";

    private MlflowModelDirectory() {}

    static boolean isModelDirectory(Path directory) {
        return MlModel.isModelDirectory(directory);
    }

    static Predictor load(Path directory, PredictorProviders providers) {
        MlModel mlmodel = read(directory);
        PredictorProviders.Choice choice = providers.choose(directory, mlmodel);
        Predictor predictor = choice.provider().load(ModelFiles.flavor(directory, mlmodel, choice.flavor()));
        try {
            JsonNode signature = signature(mlmodel);
            if (signature != null) {
                predictor = new SignedPredictor(predictor, withSignature(predictor.signature(), signature));
            }
            if ("classification".equals(mlmodel.task())) {
                predictor = ClassifierPredictor.of(predictor, mlmodel.outputLabels());
            }
            Path featurizer = directory.resolve(FEATURIZER);
            return Files.isRegularFile(featurizer) ? featurized(predictor, featurizer, mlmodel) : predictor;
        } catch (RuntimeException e) {
            predictor.close(); // the runtime's native session, when the files around it do not fit
            throw e;
        }
    }

    /** A pipeline model trained after a {@code featurize} step takes raw columns; see {@link FeaturizedPredictor}. */
    private static Predictor featurized(Predictor predictor, Path file, MlModel mlmodel) {
        try {
            return new FeaturizedPredictor(predictor, Json.mapper().readValue(file.toFile(), Featurizer.class),
                    mlmodel.featureNames());
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read " + FEATURIZER + ": " + e.getMessage());
        }
    }

    private static MlModel read(Path directory) {
        try {
            return MlModel.read(directory.resolve(MlModel.FILE_NAME));
        } catch (IOException | MlforgeException e) {
            throw MlforgeException.invalidParameter("Cannot read " + MlModel.FILE_NAME + ": " + e.getMessage());
        }
    }

    /** The signature with its specs parsed; a spec that is not JSON makes the model unservable. */
    private static JsonNode signature(MlModel mlmodel) {
        try {
            return mlmodel.signature();
        } catch (MlforgeException e) {
            throw MlforgeException.invalidParameter("MLflow signature is not valid JSON: " + e.getMessage());
        }
    }

    /** The model's own specs, narrowed by the MLflow signature (names, datatypes, shapes, columns, NaN rules). */
    static ModelSignature withSignature(ModelSignature model, JsonNode signature) {
        JsonNode inputs = parseSpecList(signature.path("inputs"));
        if (inputs.isEmpty()) {
            return model;
        }
        boolean columnBased = !"tensor".equals(inputs.get(0).path("type").asText());
        if (columnBased) {
            List<String> columns = new ArrayList<>();
            boolean anyRequired = false;
            for (JsonNode column : inputs) {
                columns.add(column.path("name").asText());
                anyRequired |= column.path("required").asBoolean(true);
            }
            if (model.inputs().size() != 1 && model.inputs().size() != columns.size()) {
                throw MlforgeException.invalidParameter("MLflow signature has " + columns.size()
                        + " columns but the model has " + model.inputs().size() + " inputs");
            }
            List<TensorSpec> specs = new ArrayList<>();
            for (TensorSpec spec : model.inputs()) {
                specs.add(new TensorSpec(spec.name(), spec.datatype(), spec.shape(), !anyRequired));
            }
            return model.withInputs(specs, columns);
        }
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            TensorSpec own = input.hasNonNull("name") ? model.input(input.get("name").asText())
                    : i < model.inputs().size() ? model.inputs().get(i) : null;
            if (own == null) {
                throw MlforgeException.invalidParameter("MLflow signature input " + input.path("name").asText("#" + i)
                        + " is not an input of the model");
            }
            JsonNode tensorSpec = input.path("tensor-spec");
            DataType datatype = mlflowDatatype(tensorSpec.path("dtype").asText(), own.datatype());
            List<Long> shape = new ArrayList<>();
            tensorSpec.path("shape").forEach(dim -> shape.add(dim.asLong()));
            specs.add(new TensorSpec(own.name(), datatype, shape.isEmpty() ? own.shape() : shape, true));
        }
        return model.withInputs(specs, List.of());
    }

    private static JsonNode parseSpecList(JsonNode value) {
        try {
            if (value.isTextual()) {
                return Json.mapper().readTree(value.asText());
            }
            return value.isArray() ? value : Json.mapper().createArrayNode();
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("MLflow signature is not valid JSON: " + e.getMessage());
        }
    }

    private static DataType mlflowDatatype(String dtype, DataType fallback) {
        DataType datatype = DataType.ofMlflow(dtype);
        return datatype == null ? fallback : datatype;
    }
}

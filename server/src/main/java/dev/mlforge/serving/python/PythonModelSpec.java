package dev.mlforge.serving.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a worker needs to load an MLflow model without MLflow, read from its {@code MLmodel} the way MLflow's flavor
 * loaders read it: the loader ({@code mlflow.sklearn}: unpickle {@code model.pkl} with pickle or cloudpickle per
 * {@code serialization_format} and call {@code predict_fn}; {@code mlflow.xgboost}: {@code model_class().load_model};
 * {@code mlflow.pyfunc.model}: a cloudpickled {@code PythonModel}), the signature's column names and the packages
 * to check. The spec travels to the worker as one JSON argument.
 */
record PythonModelSpec(String loader, String modelFile, ObjectNode json, List<String> columns, List<String> requirements) {
    static final String SKLEARN = "mlflow.sklearn";
    static final String XGBOOST = "mlflow.xgboost";
    static final String CUSTOM = "mlflow.pyfunc.model";
    private static final List<String> LOADERS = List.of(SKLEARN, XGBOOST, CUSTOM);

    /** True when the model has a {@code python_function} flavor whose loader module a worker can load. */
    static boolean supports(MlModel mlmodel) {
        return LOADERS.contains(mlmodel.flavor("python_function").path("loader_module").asText());
    }

    /** The spec of the model in {@code directory}; INVALID_PARAMETER_VALUE for what a worker cannot load. */
    static PythonModelSpec read(Path directory, MlModel mlmodel) {
        JsonNode pyfunc = mlmodel.flavor("python_function");
        String module = pyfunc.path("loader_module").asText();
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("model_dir", directory.toAbsolutePath().toString());
        String file;
        switch (module) {
            case SKLEARN -> {
                JsonNode sklearn = mlmodel.flavor("sklearn");
                file = text(pyfunc, "model_path", text(sklearn, "pickled_model", "model.pkl"));
                String format = text(sklearn, "serialization_format", "pickle");
                if (!format.equals("pickle") && !format.equals("cloudpickle")) {
                    throw MlforgeException.invalidParameter("The sklearn model is saved as '" + format
                            + "'; mlforge's Python workers load the 'pickle' and 'cloudpickle' formats");
                }
                json.put("loader", "sklearn").put("serialization_format", format)
                        .put("predict_fn", text(pyfunc, "predict_fn", "predict"));
            }
            case XGBOOST -> {
                JsonNode xgboost = mlmodel.flavor("xgboost");
                file = text(pyfunc, "data", text(xgboost, "data", "model.xgb"));
                json.put("loader", "xgboost").put("model_class", text(xgboost, "model_class", "xgboost.core.Booster"));
            }
            case CUSTOM -> {
                file = text(pyfunc, "python_model", "python_model.pkl");
                json.put("loader", "pyfunc");
                ObjectNode artifacts = json.putObject("artifacts");
                pyfunc.path("artifacts").fields().forEachRemaining(entry ->
                        artifacts.put(entry.getKey(), entry.getValue().path("path").asText()));
                if (pyfunc.path("model_config").isObject()) {
                    json.set("model_config", pyfunc.get("model_config"));
                }
            }
            default -> throw MlforgeException.invalidParameter("The python_function loader '" + module
                    + "' is not served; mlforge's Python workers load " + LOADERS);
        }
        inside(directory, file);
        json.put("model_file", file);
        if (pyfunc.hasNonNull("code")) {
            json.putArray("code_paths").add(pyfunc.get("code").asText());
        }
        List<String> columns = columns(mlmodel);
        columns.forEach(json.putArray("columns")::add);
        List<String> requirements = Requirements.of(directory);
        requirements.forEach(json.putArray("requirements")::add);
        return new PythonModelSpec(json.path("loader").asText(), file, json, columns, requirements);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : fallback;
    }

    private static void inside(Path directory, String file) {
        Path resolved = directory.resolve(file).normalize();
        if (!resolved.startsWith(directory.normalize()) || !Files.isRegularFile(resolved)) {
            throw MlforgeException.invalidParameter("MLflow model names Python model file '" + file
                    + "', which is not in the model directory");
        }
    }

    /** The column names of a column-based signature, in order; empty for a tensor signature or none. */
    private static List<String> columns(MlModel mlmodel) {
        List<String> columns = new ArrayList<>();
        JsonNode signature;
        try {
            signature = mlmodel.signature();
        } catch (MlforgeException e) {
            return columns;
        }
        if (signature != null) {
            for (JsonNode input : signature.path("inputs")) {
                if (!"tensor".equals(input.path("type").asText()) && input.hasNonNull("name")) {
                    columns.add(input.get("name").asText());
                }
            }
        }
        return columns;
    }

    /** The JSON argument of the worker. */
    String argument() {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

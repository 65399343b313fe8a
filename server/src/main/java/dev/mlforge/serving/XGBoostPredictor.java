package dev.mlforge.serving;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model (JSON, UBJSON or legacy binary, as {@code mlflow.xgboost} saves it) run in the JVM by xgboost4j.
 * Its one input, {@code input}, is FP32 {@code [-1, features]}. A scikit-learn classifier ({@code XGBClassifier})
 * answers {@code label} (INT64, what its {@code predict} gives) and {@code probabilities} (FP32, its
 * {@code predict_proba}), and {@code /invocations} answers the labels; any other model answers {@code prediction}
 * (FP32, what {@code Booster.predict} gives: {@code [-1]}, or one column per class for {@code multi:softprob}).
 */
final class XGBoostPredictor implements Predictor {
    private final Booster booster;
    private final int features;
    private final long[] classes;
    private final ModelSignature signature;

    private XGBoostPredictor(Booster booster, int features, int width, long[] classes, List<String> featureNames) {
        this.booster = booster;
        this.features = features;
        this.classes = classes;
        List<TensorSpec> inputs = List.of(new TensorSpec("input", DataType.FP32, List.of(-1L, (long) features), true));
        if (classes != null) {
            this.signature = new ModelSignature("xgboost", inputs, List.of(
                    new TensorSpec("label", DataType.INT64, List.of(-1L), true),
                    new TensorSpec("probabilities", DataType.FP32, List.of(-1L, (long) Math.max(classes.length, 2)), true)),
                    featureNames, List.of("label"));
        } else {
            this.signature = new ModelSignature("xgboost", inputs,
                    List.of(new TensorSpec("prediction", DataType.FP32, width == 1 ? List.of(-1L) : List.of(-1L, (long) width),
                            true)), featureNames);
        }
    }

    /** Loads {@code file}; {@code modelClass} is the MLflow flavor's {@code model_class} (null when unknown). */
    static XGBoostPredictor load(Path file, String modelClass) {
        Booster booster;
        try {
            booster = XGBoost.loadModel(file.toString());
        } catch (XGBoostError | RuntimeException e) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load XGBoost model " + file.getFileName()
                    + ", it is not a valid XGBoost model: " + firstLine(e.getMessage(), file), e);
        }
        try {
            JsonNode sklearn = sklearnMeta(booster);
            boolean classifier = (modelClass != null && modelClass.endsWith("Classifier"))
                    || "classifier".equals(sklearn.path("_estimator_type").asText());
            String[] names = booster.getFeatureNames();
            // Boosters trained on unnamed matrices answer an array of nulls.
            List<String> featureNames = names == null || Arrays.asList(names).contains(null) ? List.of() : List.of(names);
            int features = (int) booster.getNumFeature();
            int width = booster.inplace_predict(new float[features], 1, features, Float.NaN)[0].length;
            return new XGBoostPredictor(booster, features, width, classifier ? classes(sklearn) : null, featureNames);
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot read XGBoost model " + file.getFileName()
                    + ": " + firstLine(e.getMessage(), file), e);
        }
    }

    /** The JSON {@code XGBModel.save_model} stores in the {@code scikit_learn} attribute (it holds NaN literals). */
    private static JsonNode sklearnMeta(Booster booster) throws XGBoostError {
        String meta = booster.getAttr("scikit_learn");
        if (meta == null) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readTree(meta);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** {@code classes_} when numeric (XGBoost requires labels 0..k-1); empty when unknown (then the index). */
    private static long[] classes(JsonNode sklearn) {
        List<Long> classes = new ArrayList<>();
        for (JsonNode value : sklearn.path("classes_")) {
            if (!value.canConvertToLong()) {
                return new long[0];
            }
            classes.add(value.asLong());
        }
        return classes.stream().mapToLong(Long::longValue).toArray();
    }

    private static String firstLine(String message, Path file) {
        String text = String.valueOf(message).replace(file.toAbsolutePath().toString(), String.valueOf(file.getFileName()));
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        Tensor input = inputs.get(0);
        int rows = input.rows();
        float[][] predicted;
        try {
            predicted = booster.inplace_predict(Tensors.floats(input), rows, features, Float.NaN);
        } catch (XGBoostError e) {
            throw MlforgeException.invalidParameter("The XGBoost model rejected the input: " + e.getMessage());
        }
        int width = rows == 0 ? 1 : predicted[0].length;
        if (classes == null) {
            float[] values = new float[rows * width];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(predicted[row], 0, values, row * width, width);
            }
            long[] shape = width == 1 ? new long[] {rows} : new long[] {rows, width};
            return List.of(new Tensor("prediction", DataType.FP32, shape, values));
        }
        return classified(predicted, rows, width);
    }

    /** As {@code XGBClassifier.predict} and {@code predict_proba}: one column is P(class 1) (threshold 0.5). */
    private List<Tensor> classified(float[][] predicted, int rows, int width) {
        int classCount = width == 1 ? 2 : width;
        long[] labels = new long[rows];
        float[] probabilities = new float[rows * classCount];
        for (int row = 0; row < rows; row++) {
            int best;
            if (width == 1) {
                float positive = predicted[row][0];
                probabilities[row * 2] = 1 - positive;
                probabilities[row * 2 + 1] = positive;
                best = positive > 0.5f ? 1 : 0;
            } else {
                best = 0;
                for (int k = 0; k < width; k++) {
                    probabilities[row * width + k] = predicted[row][k];
                    best = predicted[row][k] > predicted[row][best] ? k : best;
                }
            }
            labels[row] = best < classes.length ? classes[best] : best;
        }
        return List.of(new Tensor("label", DataType.INT64, new long[] {rows}, labels),
                new Tensor("probabilities", DataType.FP32, new long[] {rows, classCount}, probabilities));
    }

    @Override
    public void close() {
        booster.dispose();
    }
}

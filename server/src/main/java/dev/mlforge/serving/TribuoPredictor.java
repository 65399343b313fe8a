package dev.mlforge.serving;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A Tribuo model saved with {@code Model.serializeToFile} (classification or regression). Its one input,
 * {@code input}, is FP64 {@code [-1, features]} with the features in the order of the model's feature ids (their
 * names are the signature's columns). A classifier answers {@code label} (BYTES) and, when it computes them,
 * {@code probabilities} (FP32, one column per label in id order), and {@code /invocations} its labels; a regressor
 * answers {@code prediction} (FP64).
 */
final class TribuoPredictor implements Predictor {
    private final Model<?> model;
    private final String[] featureNames;
    private final boolean classifier;
    private final ModelSignature signature;

    private TribuoPredictor(Model<?> model) {
        this.model = model;
        this.featureNames = new String[model.getFeatureIDMap().size()];
        for (VariableInfo info : model.getFeatureIDMap()) {
            featureNames[((VariableIDInfo) info).getID()] = info.getName();
        }
        this.classifier = model.getOutputIDInfo().getDomain().stream().anyMatch(Label.class::isInstance);
        int outputs = model.getOutputIDInfo().size();
        List<TensorSpec> outputSpecs = new ArrayList<>();
        if (classifier) {
            outputSpecs.add(new TensorSpec("label", DataType.BYTES, List.of(-1L), true));
            if (model.generatesProbabilities()) {
                outputSpecs.add(new TensorSpec("probabilities", DataType.FP32, List.of(-1L, (long) outputs), true));
            }
        } else {
            outputSpecs.add(new TensorSpec("prediction", DataType.FP64, List.of(-1L, (long) outputs), true));
        }
        this.signature = new ModelSignature("tribuo_protobuf",
                List.of(new TensorSpec("input", DataType.FP64, List.of(-1L, (long) featureNames.length), true)),
                outputSpecs, List.of(featureNames), classifier ? List.of("label") : List.of());
    }

    static TribuoPredictor load(Path file) {
        try {
            return new TribuoPredictor(Model.deserializeFromFile(file));
        } catch (IOException | RuntimeException e) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load Tribuo model " + file.getFileName()
                    + ", it is not a valid Tribuo model: " + String.valueOf(e.getMessage()).replace(
                            file.toAbsolutePath().toString(), file.getFileName().toString()), e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        Tensor input = inputs.get(0);
        int rows = input.rows();
        int labels = model.getOutputIDInfo().size();
        List<Tensor> outputs = new ArrayList<>();
        if (classifier) {
            String[] names = new String[rows];
            float[] probabilities = new float[rows * labels];
            for (int row = 0; row < rows; row++) {
                Prediction<Label> prediction = predictRow(asClassifier(), LabelFactory.UNKNOWN_LABEL, input, row);
                names[row] = prediction.getOutput().getLabel();
                for (Map.Entry<String, Label> score : prediction.getOutputScores().entrySet()) {
                    int id = asClassifier().getOutputIDInfo().getID(score.getValue());
                    probabilities[row * labels + id] = (float) score.getValue().getScore();
                }
            }
            outputs.add(new Tensor("label", DataType.BYTES, new long[] {rows}, names));
            if (model.generatesProbabilities()) {
                outputs.add(new Tensor("probabilities", DataType.FP32, new long[] {rows, labels}, probabilities));
            }
        } else {
            double[] values = new double[rows * labels];
            for (int row = 0; row < rows; row++) {
                double[] predicted = predictRow(asRegressor(), RegressionFactory.UNKNOWN_REGRESSOR, input, row)
                        .getOutput().getValues();
                System.arraycopy(predicted, 0, values, row * labels, labels);
            }
            outputs.add(new Tensor("prediction", DataType.FP64, new long[] {rows, labels}, values));
        }
        return outputs;
    }

    @SuppressWarnings("unchecked")
    private Model<Label> asClassifier() {
        return (Model<Label>) model;
    }

    @SuppressWarnings("unchecked")
    private Model<Regressor> asRegressor() {
        return (Model<Regressor>) model;
    }

    private <T extends Output<T>> Prediction<T> predictRow(Model<T> typed, T unknown, Tensor input, int row) {
        double[] values = new double[featureNames.length];
        for (int column = 0; column < values.length; column++) {
            values[column] = input.doubleAt(row * featureNames.length + column);
        }
        return typed.predict(new ArrayExample<>(unknown, featureNames, values));
    }

    @Override
    public void close() {
        // A Tribuo model holds only heap memory.
    }
}

package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.training.Featurizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A model trained on featurized data (a pipeline's {@code featurize} step), served on raw rows: one input per raw
 * column, named after it, {@code FP64 [-1]} for a numeric column (NaN when missing) and {@code BYTES [-1]} for a
 * categorical one. The pipeline's {@code featurizer.json} scales and one-hot encodes them here, into the model's
 * single input in the order of its features, so clients and drift monitors see the columns they know.
 */
final class FeaturizedPredictor implements Predictor {
    private final Predictor model;
    private final Featurizer featurizer;
    private final TensorSpec modelInput;
    /** For each featurizer output column, its position among the model's features. */
    private final int[] positions;
    private final ModelSignature signature;

    FeaturizedPredictor(Predictor model, Featurizer featurizer, List<String> modelFeatures) {
        this.model = model;
        this.featurizer = featurizer;
        if (model.signature().inputs().size() != 1) {
            throw MlforgeException.invalidState("featurizer.json applies to a model with one input; this one has "
                    + model.signature().inputs().size());
        }
        this.modelInput = model.signature().inputs().get(0);
        List<String> produced = featurizer.featureColumns();
        if (produced.size() != modelFeatures.size() || !modelFeatures.containsAll(produced)) {
            throw MlforgeException.invalidState("featurizer.json produces " + produced + " but the model's features are "
                    + modelFeatures);
        }
        this.positions = produced.stream().mapToInt(modelFeatures::indexOf).toArray();
        List<TensorSpec> inputs = new ArrayList<>();
        featurizer.scalers().forEach(scaler -> inputs.add(new TensorSpec(scaler.column(), DataType.FP64, List.of(-1L), true)));
        featurizer.oneHots().forEach(oneHot -> inputs.add(new TensorSpec(oneHot.column(), DataType.BYTES, List.of(-1L), true)));
        ModelSignature own = model.signature();
        this.signature = own.withInputs(inputs, List.of());
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        int rows = inputs.get(0).rows();
        int width = positions.length;
        double[] features = new double[rows * width];
        int produced = 0;
        for (Featurizer.Scaler scaler : featurizer.scalers()) {
            Tensor column = input(inputs, scaler.column());
            for (int row = 0; row < rows; row++) {
                features[row * width + positions[produced]] = scaler.apply(column.doubleAt(row));
            }
            produced++;
        }
        for (Featurizer.OneHot oneHot : featurizer.oneHots()) {
            Tensor column = input(inputs, oneHot.column());
            for (int row = 0; row < rows; row++) {
                int hot = oneHot.categories().indexOf((String) column.element(row));
                if (hot >= 0) {
                    features[row * width + positions[produced + hot]] = 1.0;
                }
            }
            produced += oneHot.categories().size();
        }
        return model.predict(List.of(new Tensor(modelInput.name(), modelInput.datatype(), new long[] {rows, width},
                convert(features, modelInput.datatype()))));
    }

    private static Tensor input(List<Tensor> inputs, String name) {
        return inputs.stream().filter(tensor -> tensor.name().equals(name)).findFirst().orElseThrow(() ->
                MlforgeException.invalidParameter("Missing input '" + name + "'"));
    }

    private static Object convert(double[] values, DataType datatype) {
        return switch (datatype) {
            case FP64 -> values;
            case FP32 -> {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                yield floats;
            }
            default -> throw MlforgeException.invalidState("A featurized model must take FP32 or FP64, not " + datatype);
        };
    }

    @Override
    public int concurrency() {
        return model.concurrency();
    }

    @Override
    public boolean answersDict() {
        return model.answersDict();
    }

    @Override
    public void close() {
        model.close();
    }
}

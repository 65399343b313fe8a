package dev.mlforge.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier whose runtime answers only class scores (an ONNX graph exported by Tribuo: one FP32
 * {@code [-1, classes]} output), given the answer of a classifier: the scores under the name the model's signature
 * gives them, and {@code label} (BYTES), the class of the highest score named from the trainer's
 * {@code output_labels}. {@code /invocations} answers the labels, as MLflow's scoring server does for a classifier.
 */
final class ClassifierPredictor implements Predictor {
    static final String LABEL = "label";

    private final Predictor model;
    private final String[] labels;
    private final ModelSignature signature;

    private ClassifierPredictor(Predictor model, List<String> labels) {
        this.model = model;
        this.labels = labels.toArray(String[]::new);
        ModelSignature own = model.signature();
        List<TensorSpec> outputs = new ArrayList<>(own.outputs());
        outputs.add(new TensorSpec(LABEL, DataType.BYTES, List.of(-1L), true));
        this.signature = new ModelSignature(own.platform(), own.inputs(), outputs, own.columns(), List.of(LABEL));
    }

    /** {@code model} as a classifier when it answers only one FP32 score column per label; else {@code model}. */
    static Predictor of(Predictor model, List<String> labels) {
        List<TensorSpec> outputs = model.signature().outputs();
        if (labels.isEmpty() || outputs.size() != 1) {
            return model;
        }
        TensorSpec scores = outputs.get(0);
        boolean scoresPerLabel = scores.datatype() == DataType.FP32 && scores.shape().size() == 2
                && (scores.shape().get(1) == labels.size() || scores.shape().get(1) < 0);
        return scoresPerLabel ? new ClassifierPredictor(model, labels) : model;
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        List<Tensor> outputs = model.predict(inputs);
        Tensor scores = outputs.get(0);
        int rows = scores.rows();
        int classes = rows == 0 ? labels.length : scores.length() / rows;
        float[] values = (float[]) scores.data();
        String[] names = new String[rows];
        for (int row = 0; row < rows; row++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                best = values[row * classes + k] > values[row * classes + best] ? k : best;
            }
            names[row] = best < labels.length ? labels[best] : Integer.toString(best);
        }
        List<Tensor> answered = new ArrayList<>(outputs);
        answered.add(new Tensor(LABEL, DataType.BYTES, new long[] {rows}, names));
        return answered;
    }

    @Override
    public void close() {
        model.close();
    }
}

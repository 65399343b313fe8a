package dev.mlforge.serving;

import java.util.List;

/**
 * One loaded model behind one interface, whatever its runtime (ONNX Runtime, Tribuo). Implementations are safe
 * for concurrent calls and release native memory in {@link #close()}.
 */
public interface Predictor extends AutoCloseable {
    /** Input and output names, datatypes and shapes, as the model and its signature declare them. */
    ModelSignature signature();

    /**
     * Runs the model on inputs already checked against {@link #signature()}: every declared input, first
     * dimension the batch. Answers every declared output, first dimension the same batch.
     */
    List<Tensor> predict(List<Tensor> inputs);

    /**
     * How many {@link #predict} calls may usefully run at once, each on its own batch: 1 for in-process runtimes
     * (a call already uses the cores it needs), the number of worker processes for a model served by several.
     */
    default int concurrency() {
        return 1;
    }

    /**
     * True when the model's last answer was a dict of named arrays rather than rows, as a custom pyfunc model's
     * {@code predict} may return: MLflow's scoring server answers it {@code {"predictions": {"name": [...]}}}.
     */
    default boolean answersDict() {
        return false;
    }

    @Override
    void close();
}

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

    @Override
    void close();
}

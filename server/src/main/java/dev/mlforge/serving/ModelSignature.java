package dev.mlforge.serving;

import java.util.List;

/**
 * What a loaded model takes and gives. {@code columns} names the columns of a column-based MLflow signature in
 * order (empty for tensor signatures): a data frame with these columns is stacked into the single input tensor.
 * {@code predictionOutputs} names the outputs MLflow's pyfunc {@code predict} returns for this model, which
 * {@code /invocations} answers (a classifier's labels, not its probabilities); empty means all outputs.
 */
public record ModelSignature(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> columns,
        List<String> predictionOutputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        columns = List.copyOf(columns);
        predictionOutputs = List.copyOf(predictionOutputs);
    }

    /** A signature whose every output is a prediction. */
    public ModelSignature(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> columns) {
        this(platform, inputs, outputs, columns, List.of());
    }

    /** The same signature with other inputs and columns (outputs kept). */
    ModelSignature withInputs(List<TensorSpec> newInputs, List<String> newColumns) {
        return new ModelSignature(platform, newInputs, outputs, newColumns, predictionOutputs);
    }

    TensorSpec input(String name) {
        return inputs.stream().filter(spec -> spec.name().equals(name)).findFirst().orElse(null);
    }
}

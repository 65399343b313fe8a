package dev.mlforge.serving;

import java.util.List;

/**
 * What a loaded model takes and gives. {@code columns} names the columns of a column-based MLflow signature in
 * order (empty for tensor signatures): a data frame with these columns is stacked into the single input tensor.
 */
public record ModelSignature(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> columns) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        columns = List.copyOf(columns);
    }

    TensorSpec input(String name) {
        return inputs.stream().filter(spec -> spec.name().equals(name)).findFirst().orElse(null);
    }
}

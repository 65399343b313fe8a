package dev.mlforge.serving;

import java.util.List;

/**
 * The declared name, datatype and shape of a model input or output ({@code -1} marks a variable dimension).
 * {@code nanAllowed} is false where the model's signature forbids missing values (a required MLflow column).
 */
public record TensorSpec(String name, DataType datatype, List<Long> shape, boolean nanAllowed) {

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    TensorSpec withName(String newName) {
        return new TensorSpec(newName, datatype, shape, nanAllowed);
    }
}

package dev.mlforge.features;

import java.util.List;

/**
 * One typed feature of a view.
 *
 * @param name  the column of the source holding it
 * @param dtype one of {@link #DTYPES}, Feast's primitive type names
 */
public record FeatureField(String name, String dtype) {
    /** Feast's primitive types, with the DuckDB type each is read as. */
    public static final List<String> DTYPES = List.of("Int32", "Int64", "Float32", "Float64", "String", "Bool");

    /** The DuckDB column type the feature is cast to when read from its source. */
    String sqlType() {
        return switch (dtype) {
            case "Int32" -> "INTEGER";
            case "Int64" -> "BIGINT";
            case "Float32" -> "FLOAT";
            case "Float64" -> "DOUBLE";
            case "Bool" -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }
}

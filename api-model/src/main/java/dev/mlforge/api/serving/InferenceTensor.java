package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One output tensor of an Open Inference Protocol answer (also the form in which the prediction log keeps inputs and
 * outputs).
 *
 * <p>{@code data} holds the values flat in row-major order. The server passes the primitive array it computed
 * ({@code float[]}, {@code long[]}, {@code boolean[]}, {@code String[]}, ...), which Jackson writes element by element
 * without boxing or building a tree: the infer path's cost stays that of the numbers themselves. Read back by a
 * generic mapper, it is a {@code List} of numbers, booleans or strings.
 *
 * @param name the tensor's name
 * @param shape the dimensions
 * @param datatype the protocol datatype ({@code FP32}, {@code INT64}, {@code BOOL}, {@code BYTES}, ...)
 * @param data the values, flat in row-major order; absent when they follow the JSON as binary data
 * @param parameters the tensor's parameters ({@code binary_data_size} with the binary tensor data extension), or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InferenceTensor(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("shape") long[] shape,
        @Schema(requiredMode = REQUIRED) @JsonProperty("datatype") String datatype,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("data") Object data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("parameters") java.util.Map<String, Object> parameters) {
    /** A tensor whose values are in {@code data}, without parameters. */
    public InferenceTensor(String name, long[] shape, String datatype, Object data) {
        this(name, shape, datatype, data, null);
    }
}

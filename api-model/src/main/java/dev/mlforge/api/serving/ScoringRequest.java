package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/deployments/{name}/invocations} in MLflow's scoring format: exactly one of
 * {@code dataframe_split}, {@code dataframe_records}, {@code instances} and {@code inputs} (a body naming none or
 * several is refused with MLflow's message). The server reads it field by field on the scoring path; fields not
 * named here are ignored, as MLflow's scoring server ignores them.
 */
@Schema(oneOf = {ScoringRequest.DataframeSplit.class, ScoringRequest.DataframeRecords.class,
        ScoringRequest.Instances.class, ScoringRequest.Inputs.class})
public sealed interface ScoringRequest {

    /**
     * A data frame as pandas' {@code to_json(orient="split")} writes it.
     *
     * @param dataframeSplit the frame's columns and rows
     * @param params MLflow's inference parameters: accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DataframeSplit(
            @Schema(requiredMode = REQUIRED, description = "The frame's columns and rows")
            @JsonProperty("dataframe_split") Split dataframeSplit,
            @Schema(description = "MLflow's inference parameters: accepted and ignored")
            @JsonProperty("params") Map<String, Object> params) implements ScoringRequest {}

    /**
     * A data frame as pandas' {@code to_json(orient="records")} writes it.
     *
     * @param dataframeRecords one object per row, column name to value
     * @param params MLflow's inference parameters: accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DataframeRecords(
            @Schema(requiredMode = REQUIRED, description = "One object per row, column name to value")
            @JsonProperty("dataframe_records") List<Map<String, Object>> dataframeRecords,
            @Schema(description = "MLflow's inference parameters: accepted and ignored")
            @JsonProperty("params") Map<String, Object> params) implements ScoringRequest {}

    /**
     * Tensor input, TF-serving's row form.
     *
     * @param instances the rows of the model's single input, a list of objects (a data frame's records), or an object
     *                  of input name (or signature column) to values
     * @param params MLflow's inference parameters: accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Instances(
            @Schema(requiredMode = REQUIRED, types = {"array", "object"}, description = "The rows of the model's single "
                    + "input, a list of row objects, or an object of input name (or signature column) to values")
            @JsonProperty("instances") Object instances,
            @Schema(description = "MLflow's inference parameters: accepted and ignored")
            @JsonProperty("params") Map<String, Object> params) implements ScoringRequest {}

    /**
     * Tensor input, TF-serving's columnar form.
     *
     * @param inputs the model's single input as a nested array, a list of row objects, or an object of input name (or
     *               signature column) to values
     * @param params MLflow's inference parameters: accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Inputs(
            @Schema(requiredMode = REQUIRED, types = {"array", "object"}, description = "The model's single input as a "
                    + "nested array, a list of row objects, or an object of input name (or signature column) to values")
            @JsonProperty("inputs") Object inputs,
            @Schema(description = "MLflow's inference parameters: accepted and ignored")
            @JsonProperty("params") Map<String, Object> params) implements ScoringRequest {}

    /**
     * A data frame's columns and rows.
     *
     * @param columns the column names, one per value of each row
     * @param data the rows, each a list of values
     * @param index pandas' row labels: accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Split(
            @Schema(description = "The column names, one per value of each row")
            @JsonProperty("columns") List<String> columns,
            @Schema(requiredMode = REQUIRED, description = "The rows, each a list of values")
            @JsonProperty("data") List<List<Object>> data,
            @Schema(description = "pandas' row labels: accepted and ignored")
            @JsonProperty("index") List<Object> index) {}
}

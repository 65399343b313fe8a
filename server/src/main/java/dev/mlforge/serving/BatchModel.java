package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A model loaded from local, already verified files for scoring batches of data-frame rows outside a deployment
 * (Spark batch scoring): the same runtimes, MLflow signature, column stacking and prediction outputs as a
 * deployment's {@code /invocations}, so a row scores the same in both. Safe for concurrent calls.
 */
public final class BatchModel implements AutoCloseable {
    private final Predictor predictor;

    private BatchModel(Predictor predictor) {
        this.predictor = predictor;
    }

    /**
     * Loads the model in {@code directory} (an MLflow model directory, or a directory with one model file) with the
     * runtime {@code providers} pick for it.
     *
     * @throws dev.mlforge.http.MlforgeException INVALID_PARAMETER_VALUE when no runtime loads the files
     */
    public static BatchModel load(Path directory, PredictorProviders providers) {
        return new BatchModel(new PredictorLoader(providers).load(directory));
    }

    /** What the model takes and gives, after its MLflow signature. */
    public ModelSignature signature() {
        return predictor.signature();
    }

    /**
     * The prediction of each row, as {@code /invocations} answers a {@code dataframe_split} of these rows: one value
     * (a number, a string or a primitive array) per row for a single prediction output, else one map per row.
     *
     * @param columns the rows' column names
     * @param rows    the rows, each holding one value per column (JSON numbers, strings or nulls)
     * @throws dev.mlforge.http.MlforgeException BAD_REQUEST / INVALID_PARAMETER_VALUE naming the column when the rows
     *     do not fit the model's signature
     */
    public List<Object> predict(List<String> columns, List<List<JsonNode>> rows) {
        List<Tensor> inputs = ScoringProtocol.frameTensors(new ScoringProtocol.Frame(columns, rows), predictor.signature());
        List<Tensor> outputs = predictor.predict(Tensors.checkInputs(predictor.signature(), inputs));
        return ScoringProtocol.predictions(outputs, predictor.signature()).predictions();
    }

    @Override
    public void close() {
        predictor.close();
    }
}

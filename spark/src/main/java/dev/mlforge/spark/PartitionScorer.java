package dev.mlforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.serving.BatchModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition: the model comes from this JVM's cache (loaded once per executor, not per partition or row),
 * rows go to it in batches of {@link #BATCH_ROWS}, and each output row is the input row, its prediction column(s),
 * then the model's name and version.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    /** Rows per model call: large enough that the per-call cost vanishes, small enough to stream a partition. */
    static final int BATCH_ROWS = 4096;

    private final Broadcast<ModelPackage> model;
    private final List<String> columns;
    private final PredictionColumns predictions;

    PartitionScorer(Broadcast<ModelPackage> model, List<String> columns, PredictionColumns predictions) {
        this.model = model;
        this.columns = List.copyOf(columns);
        this.predictions = predictions;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ModelPackage files = model.value();
        BatchModel loaded = ExecutorModels.get(files);
        return new Iterator<>() {
            private Iterator<Row> scored = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!scored.hasNext() && input.hasNext()) {
                    scored = score(loaded, files, input).iterator();
                }
                return scored.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return scored.next();
            }
        };
    }

    private List<Row> score(BatchModel loaded, ModelPackage files, Iterator<Row> input) {
        List<Row> batch = new ArrayList<>(BATCH_ROWS);
        List<List<JsonNode>> cells = new ArrayList<>(BATCH_ROWS);
        while (batch.size() < BATCH_ROWS && input.hasNext()) {
            Row row = input.next();
            batch.add(row);
            cells.add(cells(row));
        }
        List<Object> predicted = loaded.predict(columns, cells);
        List<Row> out = new ArrayList<>(batch.size());
        int width = columns.size();
        int predictionWidth = predictions.columns().size();
        for (int i = 0; i < batch.size(); i++) {
            Object[] values = new Object[width + predictionWidth + 2];
            for (int c = 0; c < width; c++) {
                values[c] = batch.get(i).get(c);
            }
            predictions.fill(predicted.get(i), values, width);
            values[width + predictionWidth] = files.nameLabel();
            values[width + predictionWidth + 1] = files.versionLabel();
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /** The row's values as the JSON cells a {@code dataframe_split} row would carry. */
    static List<JsonNode> cells(Row row) {
        List<JsonNode> cells = new ArrayList<>(row.size());
        for (int c = 0; c < row.size(); c++) {
            cells.add(cell(row.get(c)));
        }
        return cells;
    }

    private static JsonNode cell(Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        } else if (value instanceof Double number) {
            return json.numberNode(number);
        } else if (value instanceof Float number) {
            return json.numberNode(number);
        } else if (value instanceof Long number) {
            return json.numberNode(number);
        } else if (value instanceof Integer number) {
            return json.numberNode(number);
        } else if (value instanceof Short number) {
            return json.numberNode(number);
        } else if (value instanceof Byte number) {
            return json.numberNode(number);
        } else if (value instanceof BigDecimal number) {
            return json.numberNode(number);
        } else if (value instanceof Boolean bool) {
            return json.booleanNode(bool);
        }
        return json.textNode(String.valueOf(value));
    }
}

package dev.mlforge.monitoring.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.monitors.PredictionRow;
import dev.mlforge.testing.ApplicationExtension;

/**
 * Writes rows into a running application's serving prediction log and feedback tables, one request per row, in
 * the Open Inference Protocol tensors serving logs; monitors then read them through the real log reader. It lets
 * monitoring tests choose the distribution of inputs, predictions and labels that no trained model would answer.
 */
public final class LoggedPredictions {
    private final ApplicationExtension server;

    public LoggedPredictions(ApplicationExtension server) {
        this.server = server;
    }

    /** Logs {@code row} as a request answered by {@code deployment}, with its label as feedback when it has one. */
    public void add(String deployment, PredictionRow row) {
        ArrayNode outputs = Json.mapper().createArrayNode();
        if (row.prediction() != null) {
            tensor(outputs, "label", row.prediction());
        }
        if (row.classScores() != null && !row.classScores().isEmpty()) {
            ObjectNode scores = outputs.addObject().put("name", "probabilities").put("datatype", "FP64");
            scores.putArray("shape").add(1).add(row.classScores().size());
            ArrayNode data = scores.putArray("data");
            for (int c = 0; c < row.classScores().size(); c++) {
                data.add(row.classScores().get(Integer.toString(c)));
            }
        }
        ArrayNode inputs = Json.mapper().createArrayNode();
        row.inputs().forEach((name, value) -> tensor(inputs, name, value));
        server.application().database().write(handle -> {
            handle.createUpdate("""
                    INSERT INTO serving_predictions (request_id, deployment, version, inputs, outputs, latency_ms, time_ms, shadow)
                    VALUES (:requestId, :deployment, :version, :inputs, :outputs, 1, :time, :shadow)""")
                    .bind("requestId", row.requestId()).bind("deployment", deployment).bind("version", row.version())
                    .bind("inputs", inputs.toString()).bind("outputs", outputs.toString())
                    .bind("time", row.time().toEpochMilli()).bind("shadow", false).execute();
            if (row.label() != null) {
                handle.createUpdate("INSERT INTO serving_feedback (deployment, request_id, label, created_at) "
                        + "VALUES (:deployment, :requestId, :label, :time)").bind("deployment", deployment)
                        .bind("requestId", row.requestId()).bind("label", Json.mapper().valueToTree(row.label()).toString())
                        .bind("time", row.time().toEpochMilli()).execute();
            }
            return null;
        });
    }

    /** Removes every logged request and feedback of {@code deployment}. */
    public void clear(String deployment) {
        server.application().database().write(handle -> {
            handle.execute("DELETE FROM serving_feedback WHERE deployment = ?", deployment);
            return handle.execute("DELETE FROM serving_predictions WHERE deployment = ?", deployment);
        });
    }

    private static void tensor(ArrayNode tensors, String name, Object value) {
        ObjectNode tensor = tensors.addObject().put("name", name).put("datatype", value instanceof Number ? "FP64" : "BYTES");
        tensor.putArray("shape").add(1);
        tensor.putArray("data").addPOJO(value);
    }
}

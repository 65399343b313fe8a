package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The prediction log's packed columns (BYTEA) and its row limit on a real PostgreSQL. */
class PredictionLogOnPostgresTest {
    private static final Instant TIME = Instant.ofEpochMilli(1764720000000L);

    @RegisterExtension
    static final TestDatabases db = TestDatabases.postgres();

    private static PredictionLog.Entry entry(String deployment, int i, int rows) {
        float[] values = new float[2 * rows];
        values[0] = i == 0 ? -0f : Float.intBitsToFloat(0x00000001 + i);
        return new PredictionLog.Entry("r" + i, deployment, "1",
                List.of(new Tensor("input", DataType.FP32, new long[]{rows, 2}, values)),
                List.of(new Tensor("label", DataType.BYTES, new long[]{rows}, new String[rows])), 1_000_000,
                TIME.plusMillis(i), false);
    }

    @Test
    void packed_tensors_read_back_as_their_json() {
        JdbiDeploymentStore store = new JdbiDeploymentStore(db.database());
        PredictionLog.Entry entry = entry("packed", 3, 2);
        try (PredictionLog log = new PredictionLog(store, 1.0)) {
            log.record(entry);
        }
        PredictionRecord record = store.recentPredictions("packed", TIME, 10).get(0);
        LoggedTensors encoder = new LoggedTensors();
        assertThat(record.inputsJson()).isEqualTo(encoder.json(entry.inputs()));
        assertThat(record.outputsJson()).isEqualTo(encoder.json(entry.outputs()));
        assertThat(store.loggedRows("packed")).isEqualTo(2);
    }

    @Test
    void a_row_limit_deletes_the_oldest_predictions_and_their_feedback() {
        JdbiDeploymentStore store = new JdbiDeploymentStore(db.database());
        try (PredictionLog log = new PredictionLog(store, 1.0, 500)) {
            for (int i = 0; i < 20; i++) {
                log.record(entry("limited", i, 10));
            }
            log.flush();
            store.saveFeedback("limited", "r0", "1", TIME);
            store.saveFeedback("limited", "r90", "2", TIME);
            for (int i = 20; i < 100; i++) {
                log.record(entry("limited", i, 10));
            }
        }

        long kept = store.loggedRows("limited");
        assertThat(kept).isBetween(490L, 500L);
        List<PredictionRecord> newest = store.recentPredictions("limited", TIME, 1_000);
        assertThat(newest).hasSize((int) kept / 10);
        assertThat(newest.get(0).requestId()).isEqualTo("r99");
        assertThat(newest.get(newest.size() - 1).requestId()).isEqualTo("r" + (100 - kept / 10));
        List<String> feedback = db.database().read(handle -> handle.createQuery(
                "SELECT request_id FROM serving_feedback WHERE deployment = 'limited'").mapTo(String.class).list());
        assertThat(feedback).containsExactly("r90");
    }
}

package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prediction log's guarantees with group commit, on a real SQLite store: a prediction is written within a few
 * linger periods without anyone asking, {@link PredictionLog#flush()} writes everything recorded before it (more
 * than one batch included), {@link PredictionLog#close()} writes what is still buffered, the tensors read back as
 * their JSON (also the rows logged as JSON text before the binary form), and a row limit trims the oldest.
 */
class PredictionLogTest {
    private static final Instant TIME = Instant.ofEpochMilli(1764720000000L);

    @TempDir
    Path dir;
    private Database database;
    private JdbiDeploymentStore store;

    @BeforeEach
    void open() {
        database = Database.open(null, dir);
        store = new JdbiDeploymentStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static PredictionLog.Entry entry(int i) {
        return new PredictionLog.Entry("r" + i, "iris", "1",
                List.of(new Tensor("input", DataType.FP32, new long[]{1, 2}, new float[]{i, 0.25f})),
                List.of(new Tensor("label", DataType.INT64, new long[]{1}, new long[]{i % 3})), 1_500_000, TIME, false);
    }

    private int stored() {
        return store.recentPredictions("iris", TIME.minusSeconds(1), 100_000).size();
    }

    @Test
    void a_prediction_is_written_after_the_linger_without_a_flush() throws Exception {
        try (PredictionLog log = new PredictionLog(store, 1.0)) {
            log.record(entry(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stored() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stored()).isEqualTo(1);
            PredictionRecord record = store.recentPredictions("iris", TIME.minusSeconds(1), 10).get(0);
            assertThat(record.requestId()).isEqualTo("r1");
            assertThat(record.inputsJson()).isEqualTo("[{\"name\":\"input\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.0,0.25]}]");
            assertThat(record.outputsJson()).isEqualTo("[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[1]}]");
            assertThat(record.latencyMillis()).isEqualTo(1.5);
        }
    }

    @Test
    void flush_writes_every_prediction_recorded_before_it_even_beyond_one_batch() {
        try (PredictionLog log = new PredictionLog(store, 1.0)) {
            for (int i = 0; i < 1_234; i++) {
                log.record(entry(i));
            }
            log.flush();
            assertThat(stored()).isEqualTo(1_234);
            assertThat(log.dropped()).isZero();
        }
    }

    @Test
    void close_writes_what_is_still_buffered() {
        PredictionLog log = new PredictionLog(store, 1.0);
        for (int i = 0; i < 700; i++) {
            log.record(entry(i));
        }
        log.close();
        assertThat(stored()).isEqualTo(700);
    }

    @Test
    void a_sample_rate_of_zero_logs_nothing() {
        try (PredictionLog log = new PredictionLog(store, 0.0)) {
            for (int i = 0; i < 100; i++) {
                log.record(entry(i));
            }
            log.flush();
            assertThat(stored()).isZero();
        }
    }

    private static PredictionLog.Entry rows(int i, int rows) {
        return new PredictionLog.Entry("r" + i, "iris", "1",
                List.of(new Tensor("input", DataType.FP32, new long[]{rows, 2}, new float[2 * rows])),
                List.of(new Tensor("label", DataType.INT64, new long[]{rows}, new long[rows])), 1_000_000,
                TIME.plusMillis(i), false);
    }

    @Test
    void a_row_limit_deletes_the_oldest_predictions_and_their_feedback() {
        try (PredictionLog log = new PredictionLog(store, 1.0, 1_000)) {
            for (int i = 0; i < 50; i++) {
                log.record(rows(i, 10));
            }
            log.flush();
            store.saveFeedback("iris", "r1", "1", TIME);
            store.saveFeedback("iris", "r150", "2", TIME);
            for (int i = 50; i < 200; i++) {
                log.record(rows(i, 10));
            }
            log.flush();
        }

        long kept = store.loggedRows("iris");
        assertThat(kept).isBetween(990L, 1_000L);
        List<PredictionRecord> newest = store.recentPredictions("iris", TIME.minusSeconds(1), 100_000);
        assertThat(newest).hasSize((int) kept / 10);
        assertThat(newest.get(0).requestId()).isEqualTo("r199");
        assertThat(newest.get(newest.size() - 1).requestId()).isEqualTo("r" + (200 - kept / 10));
        List<String> feedback = database.read(handle -> handle.createQuery("SELECT request_id FROM serving_feedback")
                .mapTo(String.class).list());
        assertThat(feedback).containsExactly("r150");
    }

    @Test
    void without_a_limit_nothing_is_deleted() {
        try (PredictionLog log = new PredictionLog(store, 1.0, 0)) {
            for (int i = 0; i < 300; i++) {
                log.record(rows(i, 10));
            }
        }
        assertThat(store.loggedRows("iris")).isEqualTo(3_000);
    }

    @Test
    void predictions_logged_as_json_text_before_the_binary_form_read_back_unchanged() {
        String inputs = "[{\"name\":\"input\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.0,0.25]}]";
        String outputs = "[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[1]}]";
        database.write(handle -> handle.createUpdate("""
                INSERT INTO serving_predictions (request_id, deployment, version, inputs, outputs, latency_ms, time_ms, shadow)
                VALUES ('old', 'iris', '1', :inputs, :outputs, 2.5, :time, false)""")
                .bind("inputs", inputs).bind("outputs", outputs).bind("time", TIME.toEpochMilli()).execute());
        try (PredictionLog log = new PredictionLog(store, 1.0)) {
            log.record(entry(1));
        }

        List<PredictionRecord> records = store.recentPredictions("iris", TIME.minusSeconds(1), 10);
        assertThat(records).extracting(PredictionRecord::requestId).containsExactlyInAnyOrder("old", "r1");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.inputsJson()).isEqualTo(inputs);
            assertThat(record.outputsJson()).isEqualTo(outputs);
        });
        assertThat(store.loggedRows("iris")).isEqualTo(2);
    }

    private static PredictionLog.Entry floats(int i, float[] values) {
        return new PredictionLog.Entry("r" + i, "iris", "1",
                List.of(new Tensor("input", DataType.FP32, new long[]{values.length / 64, 64}, values)),
                List.of(new Tensor("label", DataType.INT64, new long[]{values.length / 64}, new long[values.length / 64])),
                1_000_000, TIME.plusMillis(i), false);
    }

    @Test
    void a_buffer_past_its_bytes_drops_and_counts_predictions_instead_of_holding_their_tensors() {
        float[] mebibyte = new float[256 * 1024];
        try (PredictionLog log = new PredictionLog(store, 1.0, 0, 4L << 20)) {
            // Recorded in well under the writer's linger: at most 3 entries of 1 MiB and change fit at a time.
            for (int i = 0; i < 40; i++) {
                log.record(floats(i, mebibyte));
            }
            log.flush();
            assertThat(log.dropped()).isGreaterThanOrEqualTo(40 - 2 * 3);
            assertThat(stored() + log.dropped()).isEqualTo(40);
            assertThat(log.written()).isEqualTo(stored());
        }
    }

    @Test
    void one_prediction_larger_than_the_buffers_bytes_is_still_logged_when_it_is_alone() {
        float[] values = new float[2 * 1024 * 1024];
        values[values.length - 1] = 0.5f;
        try (PredictionLog log = new PredictionLog(store, 1.0, 0, 4L << 20)) {
            log.record(floats(7, values));
            log.flush();
            assertThat(log.dropped()).isZero();
        }
        List<PredictionRecord> records = store.recentPredictions("iris", TIME.minusSeconds(1), 10);
        assertThat(records).extracting(PredictionRecord::requestId).containsExactly("r7");
        assertThat(records.get(0).inputsJson()).endsWith("0.0,0.5]}]");
    }
}

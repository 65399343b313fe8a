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
 * than one batch included), {@link PredictionLog#close()} writes what is still buffered, and the stored text is the
 * tensors' JSON.
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
}

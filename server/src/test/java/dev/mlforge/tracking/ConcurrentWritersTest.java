package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many HTTP writers on the embedded SQLite default: every write lands, none sees SQLITE_BUSY. */
class ConcurrentWritersTest {
    private static final String API = "/api/2.0/mlflow/";
    private static final int THREADS = 8;
    private static final int REQUESTS = 200;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void eight_threads_logging_metrics_and_batches_lose_nothing() throws Exception {
        Application app = server.application();
        TestHttp http = server.http();
        String runId = http.post(API + "runs/create", "{\"experiment_id\": \"0\"}").ok().json().at("/run/info/run_id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> failures = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int id = thread;
            failures.add(pool.submit(() -> write(http, runId, id)));
        }
        List<String> errors = new ArrayList<>();
        for (Future<List<String>> future : failures) {
            errors.addAll(future.get());
        }
        pool.shutdown();
        assertThat(errors).isEmpty();
        for (int thread = 0; thread < THREADS; thread++) {
            int single = app.tracking().metricHistory(runId, "single-" + thread, null, null).items().size();
            int batched = app.tracking().metricHistory(runId, "batch-" + thread, null, null).items().size();
            assertThat(single).isEqualTo(REQUESTS / 2);
            assertThat(batched).isEqualTo(REQUESTS / 2 * 2);
        }
    }

    private static List<String> write(TestHttp http, String runId, int thread) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            TestHttp.Response response = i % 2 == 0
                    ? http.post(API + "runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"single-" + thread
                            + "\", \"value\": " + i + ", \"timestamp\": " + i + ", \"step\": " + i + "}")
                    : http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                            + "{\"key\": \"batch-" + thread + "\", \"value\": 1, \"timestamp\": " + i + ", \"step\": " + i + "},"
                            + "{\"key\": \"batch-" + thread + "\", \"value\": 2, \"timestamp\": " + i + ", \"step\": " + i + "}],"
                            + "\"params\": [{\"key\": \"p-" + thread + "-" + i + "\", \"value\": \"v\"}]}");
            if (response.status() != 200) {
                errors.add(response.status() + " " + response.body());
            }
        }
        return errors;
    }
}

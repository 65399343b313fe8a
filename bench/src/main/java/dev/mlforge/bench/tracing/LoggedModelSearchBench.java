package dev.mlforge.bench.tracing;

import java.net.http.HttpClient;
import java.nio.file.Path;

/**
 * {@code POST /api/2.0/mlflow/logged-models/search} over {@code count} logged models of one experiment, a tenth of
 * them tagged {@code group = g3}, page of 100: the second half of the search goal, run by {@link TraceBench}
 * on the same server.
 */
final class LoggedModelSearchBench {
    private LoggedModelSearchBench() {}

    static void run(HttpClient http, String base, Path database, int count) throws Exception {
        String experimentId = TraceBench.createExperiment(http, base, "logged-model-search");
        long seedStart = System.nanoTime();
        SqlSeed.loggedModels(database, experimentId, count);
        System.out.printf("seeded %,d logged models by SQL in %.1f s%n", count, (System.nanoTime() - seedStart) / 1e9);
        for (String filter : new String[]{"tags.group = 'g3'", "tags.group = 'g3' AND status = 'READY'", null}) {
            String body = "{\"experiment_ids\":[\"" + experimentId + "\"],"
                    + (filter == null ? "" : "\"filter\":\"" + filter + "\",") + "\"max_results\":100}";
            TraceBench.latencies(http, base + "/api/2.0/mlflow/logged-models/search", body, "search_logged_models",
                    filter, "\"model_id\"", 60);
        }
    }
}

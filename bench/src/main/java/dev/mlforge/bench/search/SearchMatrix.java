package dev.mlforge.bench.search;

import dev.mlforge.bench.tracking.MlflowLoadClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The run searches users make, each timed as p50 and p95 of sequential requests (page of 100) and printed as a ratio
 * to two baselines measured in the same run: the same page with no filter and the default order, and a plain
 * indexed lookup ({@code runs/get} of one run).
 */
final class SearchMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP = 3;

    /** One search of the matrix: a label, a filter (may be empty) and order-by items. */
    record Case(String label, String filter, List<String> orderBy) {}

    /** p50 and p95 in milliseconds, and how many runs the first page held. */
    record Timing(double p50, double p95, int returned, double serverCpu) {}

    static final List<Case> CASES = List.of(
            new Case("metric and param (1/4) filter, order by metric", "metrics.m0 > 0.5 and params.p0 = 'a'",
                    List.of("metrics.m1 DESC")),
            new Case("metric filter only (1/2)", "metrics.m0 > 0.5", List.of()),
            new Case("metric filter only (1/1000), order by metric", "metrics.m0 < 0.001", List.of("metrics.m1 DESC")),
            new Case("order by metric only", "", List.of("metrics.m1 DESC")),
            new Case("order by start_time only", "", List.of("attributes.start_time ASC")),
            new Case("tag filter (1/10)", "tags.team = 't3'", List.of()),
            new Case("attribute status (1/4)", "attributes.status = 'FAILED'", List.of()),
            new Case("attribute run_name LIKE (1/1000)", "attributes.run_name LIKE 'run-777%'", List.of()),
            new Case("very selective params (8 of them, about 1 run)",
                    "params.p0 = 'a' and params.p1 = 'b' and params.p2 = 'c' and params.p3 = 'd' and params.p4 = 'a' "
                            + "and params.p5 = 'b' and params.p6 = 'c' and params.p7 = 'd'", List.of()),
            new Case("param filter (1/4), order by param", "params.p0 = 'a'", List.of("params.p1 ASC")));

    private final MlflowLoadClient client;
    private final String experimentId;
    private final int rounds;
    private final java.util.function.Supplier<java.time.Duration> serverCpu;

    /** {@code serverCpu} answers the server process's CPU time so far. */
    SearchMatrix(MlflowLoadClient client, String experimentId, int rounds, java.util.function.Supplier<java.time.Duration> serverCpu) {
        this.client = client;
        this.experimentId = experimentId;
        this.rounds = rounds;
        this.serverCpu = serverCpu;
    }

    /** Sends the search a few times, untimed. */
    void warmUp(Case search) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            client.post("runs/search", body(search));
        }
    }

    private String body(Case search) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("experiment_ids").add(experimentId);
        body.put("filter", search.filter());
        search.orderBy().forEach(body.putArray("order_by")::add);
        body.put("max_results", 100);
        return body.toString();
    }

    Timing time(Case search) throws Exception {
        String text = body(search);
        List<Double> millis = new ArrayList<>();
        int returned = 0;
        java.time.Duration cpuStart = null;
        for (int i = 0; i < WARMUP + rounds; i++) {
            if (i == WARMUP) {
                cpuStart = serverCpu.get();
            }
            long start = System.nanoTime();
            JsonNode page = client.post("runs/search", text);
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (i >= WARMUP) {
                millis.add(elapsed);
            }
            returned = page.path("runs").size();
        }
        return percentiles(millis, returned, cpuStart);
    }

    /** The cheapest read of the API: one run by its id (primary-key lookups). */
    Timing timeLookup(String runId) throws Exception {
        List<Double> millis = new ArrayList<>();
        java.time.Duration cpuStart = null;
        for (int i = 0; i < WARMUP + rounds; i++) {
            if (i == WARMUP) {
                cpuStart = serverCpu.get();
            }
            long start = System.nanoTime();
            client.get("runs/get?run_id=" + runId);
            if (i >= WARMUP) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return percentiles(millis, 1, cpuStart);
    }

    private Timing percentiles(List<Double> millis, int returned, java.time.Duration cpuStart) {
        double cpuPerRequest = serverCpu.get().minus(cpuStart).toNanos() / 1e6 / millis.size();
        Collections.sort(millis);
        int p50 = (millis.size() - 1) / 2;
        int p95 = (int) Math.ceil(millis.size() * 0.95) - 1;
        return new Timing(millis.get(p50), millis.get(p95), returned, cpuPerRequest);
    }
}

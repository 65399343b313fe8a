package dev.mlforge.bench.tracking;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the audit trail costs log-batch ingest: the {@link TrackingLoadBench} ingest (4 clients, 1000-metric batches,
 * 10 s after a warm-up) against a fresh in-process server with {@code audit.enabled} false and true, alternating
 * round by round so that both sides see the same moments of a shared machine; medians of the rounds.
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.AuditIngestBench [rounds]}.
 */
public final class AuditIngestBench {
    private AuditIngestBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double without = ingest(false);
            double with = ingest(true);
            off.add(without);
            on.add(with);
            System.out.printf("round %d: audit off %.0f metrics/s, audit on %.0f metrics/s (%.1f%%)%n", round, without,
                    with, 100 * (with / without - 1));
        }
        double medianOff = median(off);
        double medianOn = median(on);
        System.out.printf("log-batch ingest, median of %d rounds: audit off %.0f, on %.0f metrics/s: %.1f%%%n", rounds,
                medianOff, medianOn, 100 * (medianOn / medianOff - 1));
    }

    private static double ingest(boolean audited) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-bench-audit-");
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", "0",
                "data-dir", dataDir.toString(), "audit.enabled", Boolean.toString(audited))));
        try (Application app = new Application(config).start()) {
            double rate = TrackingLoadBench.logBatchIngest(new MlflowLoadClient(app.baseUrl()));
            if (audited) {
                long records = app.audit().service().verify().recordsChecked();
                System.out.printf("  audited run: %d records, chain verified%n", records);
            }
            return rate;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}

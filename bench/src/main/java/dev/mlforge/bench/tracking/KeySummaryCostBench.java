package dev.mlforge.bench.tracking;

import dev.mlforge.store.Database;
import dev.mlforge.tracking.JdbiTrackingStore;
import dev.mlforge.tracking.LifecycleStage;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.RunInfoEntity;
import dev.mlforge.tracking.RunStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the experiment key summary (V23 {@code experiment_keys}, kept on every log-batch for the UI's column chooser)
 * costs at ingest, through mlforge's own {@code JdbiTrackingStore.logBatch} in process (no HTTP, one writer), each
 * side on a fresh migrated SQLite database, the two sides written batch by batch in turn, CPU time of the writing
 * thread per batch:
 * <ul>
 *   <li>repeated keys: 1000 metrics over 10 keys x 100 steps a batch, new runs of one experiment (a training
 *       loop): the summary's upkeep is an in-memory check of the batch's keys against the keys already recorded;</li>
 *   <li>the same batches with the summary's insert dropped by a {@code BEFORE INSERT ... RAISE(IGNORE)} trigger
 *       (the baseline "without": the table never grows);</li>
 *   <li>new keys: every batch logs 1000 keys the experiment never had (the worst case: 1000 summary rows a batch),
 *       against the same batches with the summary's insert dropped.</li>
 * </ul>
 * Also times the upkeep's in-memory check alone (the store's code, copied) on the repeated-keys batches.
 *
 * <pre>java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.KeySummaryCostBench [rounds] [batches]</pre>
 */
public final class KeySummaryCostBench {
    private static final int METRICS_PER_BATCH = 1000;
    private KeySummaryCostBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("mlforge-key-summary-");
        List<List<MetricEntity>> repeated = batches(batches, false);
        List<List<MetricEntity>> fresh = batches(batches, true);
        double[][] cpu = new double[4][rounds + 1];
        String[] names = {"repeated keys, with summary", "repeated keys, insert dropped", "new keys, with summary",
                "new keys, insert dropped"};
        System.out.printf(Locale.ROOT, "load average at start: %.1f%n", load());
        for (int round = 0; round <= rounds; round++) {
            // round 0 warms the JIT and is not counted
            double[] repeatedPair = pair(dir, repeated);
            double[] freshPair = pair(dir, fresh);
            cpu[0][round] = repeatedPair[0];
            cpu[1][round] = repeatedPair[1];
            cpu[2][round] = freshPair[0];
            cpu[3][round] = freshPair[1];
        }
        double[] median = new double[4];
        for (int s = 0; s < 4; s++) {
            median[s] = median(Arrays.copyOfRange(cpu[s], 1, rounds + 1));
            System.out.printf(Locale.ROOT, "%-32s CPU %8.1f us/batch (rounds: %s)%n", names[s], median[s],
                    Arrays.toString(Arrays.stream(Arrays.copyOfRange(cpu[s], 1, rounds + 1)).map(Math::round).toArray()));
        }
        System.out.printf(Locale.ROOT, "repeated keys: with/without = %.3f   new keys: with/without = %.3f%n",
                median[0] / median[1], median[2] / median[3]);
        System.out.printf(Locale.ROOT, "CPU per metric: repeated keys %.2f us with the summary, %.2f us without (upkeep %+.1f%%);"
                + " new keys %.2f us with, %.2f us without (upkeep %+.1f%%)%n", median[0] / METRICS_PER_BATCH,
                median[1] / METRICS_PER_BATCH, 100 * (median[0] / median[1] - 1), median[2] / METRICS_PER_BATCH,
                median[3] / METRICS_PER_BATCH, 100 * (median[2] / median[3] - 1));
        System.out.printf(Locale.ROOT, "the in-memory check alone on a repeated-keys batch: %.1f us (%.2f%% of the batch)%n",
                checkAlone(repeated), 100 * checkAlone(repeated) / median[0]);
        System.out.printf(Locale.ROOT, "load average at end: %.1f%n", load());
    }

    /**
     * CPU microseconds per batch of the writing thread with the summary and with its insert dropped: two stores on two
     * fresh databases written batch by batch in turn (which one goes first alternates), so that both sides see the
     * same machine load, JIT state and garbage collector at the same moments.
     */
    private static double[] pair(Path dir, List<List<MetricEntity>> batches) throws Exception {
        Path withData = Files.createTempDirectory(dir, "with-");
        Path withoutData = Files.createTempDirectory(dir, "without-");
        try (Database with = Database.open(null, withData); Database without = Database.open(null, withoutData)) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + withoutData.resolve("mlforge.db"));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER bench_drop_key_summary BEFORE INSERT ON experiment_keys "
                        + "BEGIN SELECT RAISE(IGNORE); END");
            }
            JdbiTrackingStore[] stores = {new JdbiTrackingStore(with), new JdbiTrackingStore(without)};
            String[] experiments = {stores[0].createExperiment("cost", "", List.of(), 0),
                    stores[1].createExperiment("cost", "", List.of(), 0)};
            long[] cpu = new long[2];
            for (int batch = 0; batch < batches.size(); batch++) {
                for (int turn = 0; turn < 2; turn++) {
                    int side = (batch + turn) % 2;
                    if (batch % 50 == 0) {
                        stores[side].createRun(new RunInfoEntity(runId(batch / 50), experiments[side], "cost-" + batch,
                                "bench", RunStatus.RUNNING, 0, null, "file:///cost", LifecycleStage.ACTIVE), List.of());
                    }
                    long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    stores[side].logBatch(runId(batch / 50), batches.get(batch), List.of(), List.of());
                    cpu[side] += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start;
                }
            }
            return new double[] {cpu[0] / 1e3 / batches.size(), cpu[1] / 1e3 / batches.size()};
        }
    }

    private static String runId(int run) {
        return String.format("%032x", run);
    }

    /** 1000 metrics a batch: 10 keys x 100 steps, or 1000 keys never used before. */
    private static List<List<MetricEntity>> batches(int count, boolean newKeys) {
        Random random = new Random(17);
        List<List<MetricEntity>> batches = new ArrayList<>(count);
        for (int batch = 0; batch < count; batch++) {
            List<MetricEntity> metrics = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                String key = newKeys ? "k" + batch + "_" + i : "m" + (i % 10);
                long step = newKeys ? 0 : batch * 100L + i / 10;
                metrics.add(new MetricEntity(key, random.nextDouble(), 1_700_000_000_000L + batch, step));
            }
            batches.add(metrics);
        }
        return batches;
    }

    /** JdbiTrackingStore.recordKeys's work for keys it has recorded before, microseconds per batch. */
    private static double checkAlone(List<List<MetricEntity>> batches) {
        Set<String> known = ConcurrentHashMap.newKeySet();
        for (int k = 0; k < 10; k++) {
            known.add("1\u0000metrics\u0000m" + k);
        }
        long left = 0;
        long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int passes = 20;
        for (int pass = 0; pass < passes; pass++) {
            for (List<MetricEntity> batch : batches) {
                Set<String> distinct = new TreeSet<>(batch.stream().map(MetricEntity::key).toList());
                String prefix = 1L + "\u0000" + "metrics" + "\u0000";
                distinct.removeIf(key -> known.contains(prefix + key));
                left += distinct.size();
            }
        }
        if (left != 0) {
            throw new IllegalStateException("keys left unrecorded: " + left);
        }
        return (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start) / 1e3 / passes / batches.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

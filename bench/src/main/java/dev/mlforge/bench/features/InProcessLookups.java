package dev.mlforge.bench.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.features.OnlineFeatures;
import dev.mlforge.http.Json;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The in-process online lookup (issue 17: under 50 us): {@code /get-online-features}'s work without HTTP, as its route
 * does it (the request's bytes parsed, then {@code OnlineFeatures.answer}), for one random entity of N x 10 features,
 * against a floor measured in the same run: the same request parsed and a fixed answer of the same shape written by
 * Jackson (no catalog, cache or store). The two alternate in blocks of 10,000 calls, so load on the machine falls on
 * both. Every entity is looked up once before the clock starts (the cache holds them all, as it does after warm
 * traffic), then {@code warm-up} random calls; the measured calls print p50/p99/p99.9/max, the bytes allocated per
 * call (this thread's), the collections that ran meanwhile and the load average.
 *
 * <pre>java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench lookup [entities] [calls]</pre>
 */
final class InProcessLookups {
    private static final int BLOCK = 10_000;

    private InProcessLookups() {}

    public static void main(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dataDir = FeatureStoreBench.dataDir(Files.createTempDirectory("fs-bench-lookup-"), "lookup", entities);
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", "0",
                "grpc-port", "-1", "data-dir", dataDir.toString())));
        try (Application app = new Application(config).start()) {
            app.featureStore().catalog().apply(Json.mapper().valueToTree(FeatureStoreBench.definitions()));
            app.featureStore().materializer().materialize("stats");
            run(app.featureStore().online(), entities, calls, "");
        }
    }

    /** Warms every entity, then measures {@code calls} lookups against the floor and prints both. */
    static void run(OnlineFeatures online, int entities, int calls, String prefix) throws Exception {
        for (int entity = 0; entity < entities; entity++) {
            online.answer(Json.mapper().readTree(body(entity)));
        }
        Random random = new Random(17);
        List<byte[]> bodies = new ArrayList<>(65_536);
        for (int i = 0; i < 65_536; i++) {
            bodies.add(body(random.nextInt(entities)));
        }
        byte[] floorAnswer = online.answer(Json.mapper().readTree(bodies.get(0)));
        JsonNode floorTree = Json.mapper().readTree(floorAnswer);
        Sample lookup = new Sample(calls);
        Sample floor = new Sample(calls);
        for (int i = 0; i < 300_000; i++) { // warm-up: JIT of both paths
            online.answer(Json.mapper().readTree(bodies.get(i & 65_535)));
            floor(bodies.get(i & 65_535), floorTree);
        }
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int from = 0; from < calls; from += BLOCK) {
            int to = Math.min(calls, from + BLOCK);
            lookup.allocatedBefore();
            for (int i = from; i < to; i++) {
                long t = System.nanoTime();
                online.answer(Json.mapper().readTree(bodies.get(i & 65_535)));
                lookup.nanos[i] = System.nanoTime() - t;
            }
            lookup.allocatedAfter();
            floor.allocatedBefore();
            for (int i = from; i < to; i++) {
                long t = System.nanoTime();
                floor(bodies.get(i & 65_535), floorTree);
                floor.nanos[i] = System.nanoTime() - t;
            }
            floor.allocatedAfter();
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(prefix + "in-process lookup, 1 random entity of %,d x 10 features, request bytes parsed then answered "
                + "(%,d calls, every entity cached, 300,000 warm-up calls; load %.1f -> %.1f on %d cores):%n", entities, calls,
                loadBefore, load, Runtime.getRuntime().availableProcessors());
        lookup.print(prefix + "mlforge OnlineFeatures.answer  ");
        floor.print(prefix + "floor: parse + fixed answer   ");
        System.out.printf(prefix + "ratio to the floor: p50 %.2f, p99 %.2f, bytes allocated %.2f; collections meanwhile: %d, %d ms in all%n",
                lookup.quantile(0.5) / floor.quantile(0.5), lookup.quantile(0.99) / floor.quantile(0.99),
                lookup.bytesPerCall() / floor.bytesPerCall(), gcCount() - gcCount, gcMillis() - gcMillis);
    }

    /** The floor's work: the request parsed (and its entity read), a fixed answer written. */
    private static byte[] floor(byte[] request, JsonNode answer) throws Exception {
        if (!Json.mapper().readTree(request).has("entities")) {
            throw new IllegalStateException("a lookup request without entities");
        }
        return Json.mapper().writeValueAsBytes(answer);
    }

    private static byte[] body(int entity) throws Exception {
        return Json.mapper().writeValueAsBytes(FeatureStoreBench.lookup(entity));
    }

    /** One path's latencies and allocations. */
    private static final class Sample {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long[] nanos;
        private long allocated;
        private long before;
        private boolean sorted;

        Sample(int calls) {
            nanos = new long[calls];
        }

        void allocatedBefore() {
            before = THREADS.getCurrentThreadAllocatedBytes();
        }

        void allocatedAfter() {
            allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
        }

        double bytesPerCall() {
            return (double) allocated / nanos.length;
        }

        double quantile(double quantile) {
            if (!sorted) {
                Arrays.sort(nanos);
                sorted = true;
            }
            return nanos[(int) Math.min(nanos.length - 1, Math.ceil(quantile * nanos.length) - 1)] / 1e3;
        }

        void print(String name) {
            System.out.printf("%s p50 %6.1f us  p99 %6.1f us  p99.9 %7.1f us  max %8.1f us  %,6.0f bytes allocated per call%n",
                    name, quantile(0.5), quantile(0.99), quantile(0.999), quantile(1.0), bytesPerCall());
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}

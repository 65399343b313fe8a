package dev.mlforge.bench.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ingest driver used when {@code wrk} is not installed: one thread per connection, each posting its bodies in
 * order through the JDK HttpClient of {@link MlflowLoadClient} until the window closes. It costs the machine more CPU
 * per request than {@code wrk}, which the server under test shares.
 */
final class JavaClientIngest implements IngestDriver {
    @Override
    public String name() {
        return "JDK HttpClient (wrk not found)";
    }

    @Override
    public Result run(String baseUrl, List<List<String>> bodiesPerConnection, int seconds) throws Exception {
        MlflowLoadClient client = new MlflowLoadClient(baseUrl);
        ExecutorService pool = Executors.newFixedThreadPool(bodiesPerConnection.size());
        LongAdder sent = new LongAdder();
        LongAdder acknowledged = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean ranOut = new AtomicBoolean();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> futures = new ArrayList<>();
        for (List<String> bodies : bodiesPerConnection) {
            futures.add(pool.submit(() -> {
                int next = 0;
                while (System.nanoTime() < deadline) {
                    if (next == bodies.size()) {
                        ranOut.set(true);
                        return null;
                    }
                    sent.increment();
                    try {
                        client.post("runs/log-batch", bodies.get(next++));
                        if (System.nanoTime() <= deadline) {
                            acknowledged.increment();
                        }
                    } catch (IllegalStateException refused) {
                        failed.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return new Result(sent.sum(), acknowledged.sum(), failed.sum(), seconds, ranOut.get());
    }
}

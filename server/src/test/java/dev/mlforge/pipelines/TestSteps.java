package dev.mlforge.pipelines;

import dev.mlforge.datasets.MlflowDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Custom steps used by the executor tests, found by class name like any user's step. */
final class TestSteps {
    /** Executions per {@code with.key}, so tests running in one JVM do not see each other's counts. */
    static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();

    private TestSteps() {}

    static int executions(String key) {
        return EXECUTIONS.getOrDefault(key, new AtomicInteger()).get();
    }

    /** Writes {@code with.text} (default: the step name) to {@code out.txt}, optionally after {@code with.sleep_ms}. */
    public static final class Write implements Step {
        @Override
        public StepOutputs run(StepContext context) throws Exception {
            EXECUTIONS.computeIfAbsent(context.string("key", context.stepName()), k -> new AtomicInteger()).incrementAndGet();
            int now = RUNNING.incrementAndGet();
            MAX_RUNNING.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(context.integer("sleep_ms", 0));
                String text = context.string("text", context.stepName());
                for (String input : new java.util.TreeSet<>(context.inputs().keySet())) {
                    if (context.input(input) instanceof StepValue.FileValue) {
                        text += "+" + Files.readString(context.inputFile(input));
                    }
                }
                Path out = context.outputDir().resolve("out.txt");
                Files.writeString(out, text);
                return new StepOutputs().file("out", out).value("text", text).value("flag", context.bool("flag", true));
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    /** Per {@code with.key} of {@link LoopUntilInterrupted}: iterations, attempts ended, attempts at once (now, most). */
    static final Map<String, AtomicInteger> LOOPS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> LOOPS_ENDED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> LOOPS_ACTIVE = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> LOOPS_MAX_ACTIVE = new ConcurrentHashMap<>();

    /**
     * Computes until interrupted, takes 300 ms to wind down (as a real step cleans up), then still tries to return
     * outputs (which must not be recorded).
     */
    public static final class LoopUntilInterrupted implements Step {
        @Override
        public StepOutputs run(StepContext context) {
            String key = context.string("key");
            AtomicInteger iterations = LOOPS.computeIfAbsent(key, k -> new AtomicInteger());
            AtomicInteger active = LOOPS_ACTIVE.computeIfAbsent(key, k -> new AtomicInteger());
            int now = active.incrementAndGet();
            LOOPS_MAX_ACTIVE.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                double sink = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < 10_000; i++) {
                        sink += Math.sqrt(i);
                    }
                    iterations.incrementAndGet();
                }
                long windDownEnd = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < windDownEnd) {
                    sink += Math.sqrt(sink);
                }
                return new StepOutputs().value("finished", true).value("sink", sink);
            } finally {
                active.decrementAndGet();
                LOOPS_ENDED.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    /** Latches that {@link Gate} steps wait for, per {@code with.key}. */
    static final Map<String, java.util.concurrent.CountDownLatch> GATES = new ConcurrentHashMap<>();

    /** Waits (at most 30 s) until the test opens the gate {@code with.key}. */
    public static final class Gate implements Step {
        @Override
        public StepOutputs run(StepContext context) throws Exception {
            GATES.computeIfAbsent(context.string("key"), k -> new java.util.concurrent.CountDownLatch(1)).await(30, TimeUnit.SECONDS);
            return new StepOutputs().value("opened", true);
        }
    }

    /** Declares the dataset {@code with.name} / {@code with.digest} as read from outside, counting executions per {@code with.key}. */
    public static final class Declare implements Step {
        @Override
        public StepOutputs run(StepContext context) {
            EXECUTIONS.computeIfAbsent(context.string("key"), k -> new AtomicInteger()).incrementAndGet();
            return new StepOutputs().value("name", context.string("name"))
                    .dataset(new MlflowDataset(context.string("name"), context.string("digest"), "local", "{}", null, null));
        }
    }

    /** Puts something other than declared datasets under the reserved output {@code dataset_inputs}. */
    public static final class Misuse implements Step {
        @Override
        public StepOutputs run(StepContext context) {
            return new StepOutputs().value("dataset_inputs", java.util.List.of(Map.of("name", "no-digest")));
        }
    }

    /** Waits for {@code with.parties} steps sharing {@code with.key} to arrive together (fails if they never do). */
    public static final class Rendezvous implements Step {
        @Override
        public StepOutputs run(StepContext context) throws Exception {
            CyclicBarrier barrier = BARRIERS.computeIfAbsent(context.string("key"), k -> new CyclicBarrier((int) context.integer("parties", 2)));
            barrier.await(10, TimeUnit.SECONDS);
            return new StepOutputs().value("met", true);
        }
    }

    /** Fails its first {@code with.failures} executions per {@code with.key}, then succeeds. */
    public static final class Flaky implements Step {
        @Override
        public StepOutputs run(StepContext context) {
            int execution = EXECUTIONS.computeIfAbsent(context.string("key"), k -> new AtomicInteger()).incrementAndGet();
            if (execution <= context.integer("failures", 1)) {
                throw new IllegalStateException("flaky failure " + execution);
            }
            return new StepOutputs().value("execution", execution);
        }
    }

    /** Sleeps {@code with.sleep_ms} (interruptibly). */
    public static final class Slow implements Step {
        @Override
        public StepOutputs run(StepContext context) throws Exception {
            Thread.sleep(context.integer("sleep_ms", 60_000));
            return new StepOutputs().value("done", true);
        }
    }

    /** Always fails. */
    public static final class Broken implements Step {
        @Override
        public StepOutputs run(StepContext context) {
            throw new IllegalArgumentException("broken on purpose");
        }
    }
}

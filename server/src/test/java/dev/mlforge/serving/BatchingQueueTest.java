package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batching queue on the real wine MLP (ONNX Runtime). */
class BatchingQueueTest {

    private static List<Tensor> row(TestModels.Row row) {
        return List.of(new Tensor("input", DataType.FP32, new long[] {1, 13}, row.features()));
    }

    private static long label(List<Tensor> outputs) {
        return ((long[]) outputs.get(0).data())[0];
    }

    @Test
    void concurrent_single_rows_are_merged_into_one_model_call_and_answered_separately() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(rows.size());
        try (OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx());
             BatchingQueue queue = new BatchingQueue("wine", model, 64, Duration.ofMillis(200), 100, batchSizes::add)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            CountDownLatch ready = new CountDownLatch(1);
            List<Future<List<Tensor>>> answers = new ArrayList<>();
            for (TestModels.Row row : rows) {
                answers.add(callers.submit(() -> {
                    ready.await();
                    return queue.call(row(row), deadline);
                }));
            }
            ready.countDown();
            for (int i = 0; i < rows.size(); i++) {
                List<Tensor> outputs = answers.get(i).get(10, TimeUnit.SECONDS);
                assertThat(outputs.get(0).shape()).containsExactly(1);
                assertThat(outputs.get(1).shape()).containsExactly(1, 3);
                assertThat(label(outputs)).as("row %d", i).isEqualTo(rows.get(i).label());
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows.size());
        assertThat(batchSizes).hasSizeLessThan(rows.size()).anySatisfy(size -> assertThat(size).isGreaterThan(1));
    }

    @Test
    void a_full_queue_refuses_and_a_request_past_its_deadline_times_out() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx());
             Predictor gated = new GatedPredictor(model, gate);
             BatchingQueue queue = new BatchingQueue("wine", gated, 1, Duration.ZERO, 2, size -> { })) {
            long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Future<List<Tensor>> running = callers.submit(() -> queue.call(row(rows.get(0)), later));
            await().until(() -> queue.depth() == 0 && gate.getCount() == 1 && !running.isDone());
            Thread.sleep(100);
            Future<List<Tensor>> expiring = callers.submit(() -> queue.call(row(rows.get(1)),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500)));
            Future<List<Tensor>> waiting = callers.submit(() -> queue.call(row(rows.get(2)), later));
            await().until(() -> queue.depth() == 2);

            assertThatThrownBy(() -> queue.call(row(rows.get(3)), later))
                    .isInstanceOfSatisfying(MlforgeException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE));
            assertThatThrownBy(() -> expiring.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(MlforgeException.class).hasMessageContaining("timed out");
            gate.countDown();
            assertThat(label(running.get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(0).label());
            assertThat(label(waiting.get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(2).label());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_predictor_with_concurrency_two_runs_two_batches_at_once_and_one_with_concurrency_one_never_does() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx())) {
            for (int concurrency : new int[] {2, 1}) {
                RendezvousPredictor rendezvous = new RendezvousPredictor(model, concurrency, new CyclicBarrier(2));
                try (BatchingQueue queue = new BatchingQueue("wine", rendezvous, 1, Duration.ZERO, 10, size -> { })) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    Future<List<Tensor>> first = callers.submit(() -> queue.call(row(rows.get(0)), deadline));
                    Future<List<Tensor>> second = callers.submit(() -> queue.call(row(rows.get(1)), deadline));

                    assertThat(label(first.get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(0).label());
                    assertThat(label(second.get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(1).label());
                    assertThat(rendezvous.met()).as("two calls inside predict at once, concurrency %d", concurrency)
                            .isEqualTo(concurrency == 2);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void submitted_rows_return_at_once_while_the_model_is_busy_and_its_leader_answers_them_in_batches() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        ExecutorService leader = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "test-leader"));
        GatedWine wine = new GatedWine();
        CountDownLatch gate = wine.gate;
        List<Integer> batchSizes = wine.batchSizes;
        try (wine; BatchingQueue queue = wine.queue) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The model is idle: the first submitter leads, and its thread runs the (gated) model.
            Future<CompletableFuture<List<Tensor>>> first = leader.submit(() -> queue.submit(row(rows.get(0)), deadline));
            await().until(() -> queue.depth() == 0 && !first.isDone());
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (TestModels.Row row : rows.subList(1, rows.size())) {
                // A blocking call would wait here for the gate; a submitted one is queued and returns.
                answers.add(queue.submit(row(row), deadline).thenApply(outputs -> label(outputs) + " on "
                        + Thread.currentThread().getName()));
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            assertThat(queue.depth()).isEqualTo(rows.size() - 1);
            gate.countDown();
            assertThat(label(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(0).label());
            for (int i = 1; i < rows.size(); i++) {
                assertThat(answers.get(i - 1).get(10, TimeUnit.SECONDS)).as("row %d", i)
                        .isEqualTo(rows.get(i).label() + " on test-leader");
            }
        } finally {
            leader.shutdownNow();
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows.size());
        assertThat(batchSizes).hasSizeLessThan(rows.size()).anySatisfy(size -> assertThat(size).isGreaterThan(1));
    }

    @Test
    void rows_submitted_with_leader_threads_never_run_the_model_on_the_submitting_thread() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        ExecutorService leaderThreads = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "test-leader-threads"));
        GatedWine wine = new GatedWine();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        try (wine; BatchingQueue queue = wine.queue) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (TestModels.Row row : rows) {
                // The first finds the model idle: its batch starts on the leader threads, not here (the gate is shut);
                // the others find it busy and wait in the queue.
                answers.add(queue.submit(row(row), deadline, leaderThreads).thenApply(outputs -> label(outputs) + " on "
                        + Thread.currentThread().getName()));
                if (answers.size() == 1) {
                    await().until(() -> queue.depth() == 0);
                }
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            assertThat(queue.depth()).isEqualTo(rows.size() - 1);
            wine.gate.countDown();
            for (int i = 0; i < rows.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).as("row %d", i)
                        .isEqualTo(rows.get(i).label() + " on test-leader-threads");
            }
        } finally {
            leaderThreads.shutdownNow();
        }
        assertThat(wine.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows.size());
        assertThat(wine.batchSizes).containsExactly(1, rows.size() - 1);
    }

    @Test
    void a_submitted_request_times_out_at_its_deadline_while_the_model_is_busy() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("wine_holdout.csv");
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService leader = Executors.newSingleThreadExecutor();
        try (OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx());
             Predictor gated = new GatedPredictor(model, gate);
             BatchingQueue queue = new BatchingQueue("wine", gated, 1, Duration.ZERO, 10, size -> { })) {
            Future<CompletableFuture<List<Tensor>>> running = leader.submit(() -> queue.submit(row(rows.get(0)),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
            await().until(() -> queue.depth() == 0 && !running.isDone());
            CompletableFuture<List<Tensor>> expiring = queue.submit(row(rows.get(1)),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));

            assertThatThrownBy(() -> expiring.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(MlforgeException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
            assertThat(running).isNotDone();
            assertThat(queue.depth()).as("the expired request left the queue").isZero();
            gate.countDown();
            assertThat(label(running.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS))).isEqualTo(rows.get(0).label());
        } finally {
            leader.shutdownNow();
        }
    }

    /** The wine MLP behind a shut gate, in a queue of up to 64 rows without batch delay that records its batch sizes. */
    private static final class GatedWine implements AutoCloseable {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch gate = new CountDownLatch(1);
        final OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx());
        final Predictor gated = new GatedPredictor(model, gate);
        final BatchingQueue queue = new BatchingQueue("wine", gated, 64, Duration.ZERO, 100, batchSizes::add);

        @Override
        public void close() {
            model.close();
        }
    }

    /** Waits (up to 1 s) inside predict for a second call to arrive there too, and records whether one did. */
    private static final class RendezvousPredictor implements Predictor {
        private final Predictor model;
        private final int concurrency;
        private final CyclicBarrier barrier;
        private volatile boolean met;

        RendezvousPredictor(Predictor model, int concurrency, CyclicBarrier barrier) {
            this.model = model;
            this.concurrency = concurrency;
            this.barrier = barrier;
        }

        boolean met() {
            return met;
        }

        @Override
        public ModelSignature signature() {
            return model.signature();
        }

        @Override
        public int concurrency() {
            return concurrency;
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) {
            try {
                barrier.await(1, TimeUnit.SECONDS);
                met = true;
            } catch (BrokenBarrierException | TimeoutException e) {
                // alone in predict: the other call was not let in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.predict(inputs);
        }

        @Override
        public void close() {
        }
    }

    /** Holds every call until the gate opens, so the queue behind it fills up. */
    private record GatedPredictor(Predictor model, CountDownLatch gate) implements Predictor {
        @Override
        public ModelSignature signature() {
            return model.signature();
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.predict(inputs);
        }

        @Override
        public void close() {
        }
    }
}

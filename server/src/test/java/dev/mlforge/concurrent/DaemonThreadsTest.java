package dev.mlforge.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DaemonThreadsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(DaemonThreads.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen_to_the_log() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop_listening() {
        logger.detachAppender(logged);
    }

    @Test
    void numbered_threads_count_up_from_one_per_factory() {
        ThreadFactory threads = DaemonThreads.numbered("mlforge-test-step");
        List<String> names = List.of(threads.newThread(() -> { }).getName(), threads.newThread(() -> { }).getName());

        assertThat(names).containsExactly("mlforge-test-step-1", "mlforge-test-step-2");
        assertThat(DaemonThreads.numbered("mlforge-test-step").newThread(() -> { }).getName()).isEqualTo("mlforge-test-step-1");
    }

    @Test
    void named_threads_all_carry_the_name_and_never_hold_the_jvm_open() {
        ThreadFactory threads = DaemonThreads.named("mlforge-test-single");
        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(List.of(first.getName(), second.getName())).containsOnly("mlforge-test-single");
        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
    }

    @Test
    void an_executor_runs_its_tasks_on_the_named_daemon_thread() throws Exception {
        Thread worker = workerOf(Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-test-executor")));

        assertThat(worker.getName()).isEqualTo("mlforge-test-executor");
        assertThat(worker.isDaemon()).isTrue();
    }

    @Test
    void fork_join_workers_are_numbered_daemon_threads() throws Exception {
        Thread worker = workerOf(new ForkJoinPool(1, DaemonThreads.numberedForkJoin("mlforge-test-leader"), null, true));

        assertThat(worker.getName()).isEqualTo("mlforge-test-leader-1");
        assertThat(worker.isDaemon()).isTrue();
    }

    @Test
    void a_failure_nobody_catches_is_logged_with_the_thread_name() throws Exception {
        Thread thread = DaemonThreads.start("mlforge-test-failing", () -> {
            throw new IllegalStateException("disk on fire");
        });
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("mlforge-test-failing");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("disk on fire");
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        });
    }

    @Test
    void a_task_that_fails_on_an_executor_thread_is_logged() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-test-executor"));
        try {
            executor.execute(() -> {
                throw new IllegalArgumentException("bad row");
            });
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
        // the handler runs as the failing worker exits, which may be just after termination is signalled
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged.list)
                .extracting(event -> event.getThrowableProxy().getMessage()).containsExactly("bad row"));
    }

    /** The thread {@code executor} runs a task on; the executor is shut down after. */
    private static Thread workerOf(ExecutorService executor) throws Exception {
        try {
            return executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}

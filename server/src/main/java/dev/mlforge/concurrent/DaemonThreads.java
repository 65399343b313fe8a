package dev.mlforge.concurrent;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the server makes its background threads: platform daemon threads (Java 17 has no virtual threads) that
 * never hold the JVM open, named so operators and tests find them, and whose uncaught failures go to the server log
 * rather than to standard error.
 */
public final class DaemonThreads {
    private static final Logger log = LoggerFactory.getLogger(DaemonThreads.class);
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, failure) -> log.error("Uncaught failure in thread {}", thread.getName(), failure);

    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> daemon(new Thread(runnable, prefix + "-" + count.incrementAndGet()));
    }

    /** Threads all named {@code name}: for one-thread executors and pools whose threads share one name. */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(new Thread(runnable, name));
    }

    /** Fork-join workers named {@code prefix-1}, {@code prefix-2}, ... */
    public static ForkJoinPool.ForkJoinWorkerThreadFactory numberedForkJoin(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName(prefix + "-" + count.incrementAndGet());
            return daemon(thread);
        };
    }

    /** Starts {@code task} on a new daemon thread named {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = named(name).newThread(task);
        thread.start();
        return thread;
    }

    private static <T extends Thread> T daemon(T thread) {
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        return thread;
    }
}

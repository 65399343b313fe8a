package dev.mlforge.bench.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads that each POST their own list of JSON bodies in order over HTTP/1.1 keep-alive
 * ({@link HttpURLConnection}, which does its I/O on the calling thread, so each client's CPU time is its own thread's).
 * A request whose connection fails (a pooled connection the server closed while idle) is sent once more and counted;
 * a second failure, or an answer other than 200, ends the bench. The server shares the process: its CPU is the
 * process's CPU time minus the client threads'.
 */
final class TimedClients {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** What one pass cost: wall seconds, process CPU nanoseconds, client threads' CPU nanoseconds, retried requests. */
    record Pass(int requests, double seconds, long processCpuNanos, long clientCpuNanos, int retries) {
        double perSecond() {
            return requests / seconds;
        }

        /** Server CPU (process minus clients) per request, in microseconds. */
        double serverCpuMicros() {
            return (processCpuNanos - clientCpuNanos) / 1e3 / requests;
        }
    }

    private TimedClients() {}

    static Pass post(String url, String authorization, List<List<String>> perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perClient.size());
        AtomicLong clientCpu = new AtomicLong();
        AtomicInteger retries = new AtomicInteger();
        try {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> own : perClient) {
                futures.add(pool.submit((Callable<Object>) () -> {
                    long threadCpu = THREADS.getCurrentThreadCpuTime();
                    for (String body : own) {
                        send(url, authorization, body, retries);
                    }
                    clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - threadCpu);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int requests = perClient.stream().mapToInt(List::size).sum();
            return new Pass(requests, seconds, processCpuNanos() - cpu, clientCpu.get(), retries.get());
        } finally {
            pool.shutdown();
        }
    }

    private static void send(String url, String authorization, String body, AtomicInteger retries) throws IOException {
        try {
            sendOnce(url, authorization, body);
        } catch (IOException e) {
            retries.incrementAndGet();
            sendOnce(url, authorization, body);
        }
    }

    private static void sendOnce(String url, String authorization, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        int status = connection.getResponseCode();
        InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        byte[] read = answer == null ? new byte[0] : answer.readAllBytes();
        if (answer != null) {
            answer.close(); // read to the end and closed: the connection goes back to the keep-alive cache
        }
        if (status != 200) {
            throw new IllegalStateException(url + " answered " + status + ": " + new String(read, StandardCharsets.UTF_8));
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

package dev.mlforge.bench.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Client threads that each POST their own list of JSON bodies in order over HTTP/1.1 keep-alive
 * ({@link HttpURLConnection}). A request whose connection fails (a pooled connection the server closed while idle) is
 * sent once more and counted; a second failure, or an answer other than 200, ends the bench. The server runs in its own
 * process: its CPU time is read before and after the pass.
 */
final class TimedClients {
    /**
     * What one pass cost: requests, wall seconds, the server's CPU nanoseconds, retried requests; and when it ran, from
     * the first request to the server settling, so a recording's samples can be told apart by pass.
     */
    record Pass(int requests, double seconds, long serverCpuNanos, int retries, Instant from, Instant to) {
        double perSecond() {
            return requests / seconds;
        }

        /** Server CPU per request, in microseconds. */
        double serverCpuMicros() {
            return serverCpuNanos / 1e3 / requests;
        }
    }

    private TimedClients() {}

    /**
     * Posts every client's bodies, then runs {@code finish} (work the requests left the server that the pass's time
     * is to include, or nothing); {@code serverCpuNanos} is read before the first request and, after {@code settle}
     * ran (the server finishing what the requests left it), once more.
     */
    static Pass post(String url, String authorization, List<List<String>> perClient, LongSupplier serverCpuNanos,
            Callable<?> finish, Runnable settle) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perClient.size());
        AtomicInteger retries = new AtomicInteger();
        try {
            long cpu = serverCpuNanos.getAsLong();
            Instant from = Instant.now();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> own : perClient) {
                futures.add(pool.submit((Callable<Object>) () -> {
                    for (String body : own) {
                        send(url, authorization, body, retries);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            finish.call();
            double seconds = (System.nanoTime() - start) / 1e9;
            settle.run();
            int requests = perClient.stream().mapToInt(List::size).sum();
            return new Pass(requests, seconds, serverCpuNanos.getAsLong() - cpu, retries.get(), from, Instant.now());
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
}

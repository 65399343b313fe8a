package dev.mlforge.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver on loopback for tests: records every POST and answers 500 on failing paths, else the queued statuses, then 200. */
final class Receiver implements AutoCloseable {
    /** One request as received: lower-case header names to their first value, and the raw body. */
    record Received(String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    /** Paths that always answer 500. */
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            Integer status = failing.contains(exchange.getRequestURI().getPath()) ? Integer.valueOf(500) : statuses.poll();
            byte[] answer = ("{\"received\": " + received.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The next answers, in order; after them every answer is 200. */
    Receiver answering(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    /** Every request to {@code path} is answered 500. */
    Receiver failingAt(String path) {
        failing.add(path);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

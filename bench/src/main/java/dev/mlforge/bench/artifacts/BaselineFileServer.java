package dev.mlforge.bench.artifacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * The same-run baseline of {@link LargeArtifactBench}: the JDK's bare HTTP server storing a PUT body the way
 * mlforge does (temp file, fsync, atomic move) and streaming it back on GET, with no routing, validation or
 * framework. Started as a child process with the same heap limit.
 */
public final class BaselineFileServer {
    private static final int BUFFER = 256 * 1024;

    private BaselineFileServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", exchange -> respond(exchange, 200, "OK"));
        server.createContext("/files/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/files/".length()).replace('/', '_'));
            if (exchange.getRequestMethod().equals("PUT")) {
                store(exchange.getRequestBody(), file);
                respond(exchange, 200, "{}");
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                    copy(in, out);
                }
            }
        });
        server.start();
    }

    private static void store(InputStream body, Path file) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".upload-", ".part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            copy(body, out);
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handler that ignores a small request body must not cost the client its keep-alive connection. Jetty closes a
 * connection whose request body was left unread and had not yet arrived; an HTTP client that pooled the connection
 * then fails its next request ("header parser received no bytes" in the JDK's client), and a POST is not retried.
 * JSON bodies are read at the door ({@code RequestGuard}), so the handlers that ignore a body are the ones the door
 * does not read for: a GET sent with a body, as some HTTP libraries do for search requests.
 */
class UnreadBodyKeepAliveTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void the_connection_stays_open_when_the_body_arrives_after_the_headers() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ascii("GET /api/2.0/mlflow/experiments/search?max_results=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n"));
            out.flush();
            Thread.sleep(300);
            out.write(ascii("{}"));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"experiments\"")
                    .doesNotContain("Connection: close");

            out.write(ascii("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("OK");
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response with a Content-Length body; an empty string if the server closed the connection. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}

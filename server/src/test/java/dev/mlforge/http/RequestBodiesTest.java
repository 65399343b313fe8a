package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body is read once, straight into an array of its Content-Length that Javalin then hands out as its cached body (the
 * door, the audit hook and the handler all see that one array); a body without a length goes through Javalin, one
 * shorter than its length is refused with 400, and one over the size limit with 413.
 */
class RequestBodiesTest {
    private static final int LIMIT = 256 * 1024;
    private static HttpServer server;

    /** A route that reads its body through {@link RequestBodies} and through Javalin, and says what it got. */
    private static final Routes PROBE = routes -> routes.post("/probe/body", ctx -> {
        byte[] body = RequestBodies.read(ctx);
        ctx.json(Map.of("length", body.length, "hash", Arrays.hashCode(body),
                "javalin_same_array", ctx.bodyAsBytes() == body, "again_same_array", RequestBodies.read(ctx) == body));
    }, Role.PUBLIC);

    @BeforeAll
    static void start() {
        server = new HttpServer("127.0.0.1", 0, LIMIT, List.of(PROBE)).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void a_body_with_a_length_is_read_into_javalins_cache_whole() throws Exception {
        assertThat(RequestBodies.fillsJavalinsCache()).as("Javalin's body cache is reachable").isTrue();
        byte[] body = jsonOf(200_000); // many network reads
        String answer = send(head("Content-Length: " + body.length), body);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"length\":" + body.length)
                .contains("\"hash\":" + Arrays.hashCode(body))
                .contains("\"javalin_same_array\":true").contains("\"again_same_array\":true");
    }

    @Test
    void a_chunked_body_without_a_length_is_read_through_javalin() throws Exception {
        byte[] body = jsonOf(20_000);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int start = 0; start < body.length; start += 7_000) {
            int length = Math.min(7_000, body.length - start);
            chunked.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(body, start, length);
            chunked.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String answer = send(head("Transfer-Encoding: chunked"), chunked.toByteArray());
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"length\":" + body.length)
                .contains("\"hash\":" + Arrays.hashCode(body)).contains("\"javalin_same_array\":true");
    }

    @Test
    void a_body_shorter_than_its_length_is_refused_with_400() throws Exception {
        byte[] body = jsonOf(5_000);
        String answer = send(head("Content-Length: " + (body.length + 100)), body);
        assertThat(answer).startsWith("HTTP/1.1 400");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() throws Exception {
        byte[] body = jsonOf(LIMIT + 1_000);
        String answer = send(head("Content-Length: " + body.length), body);
        assertThat(answer).startsWith("HTTP/1.1 413").doesNotContain("\"length\"");
    }

    /** A JSON object of about {@code size} bytes. */
    private static byte[] jsonOf(int size) {
        StringBuilder pad = new StringBuilder(size);
        for (int i = 0; pad.length() < size - 12; i++) {
            pad.append((char) ('a' + i % 26));
        }
        return ("{\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String head(String lengthHeader) {
        return "POST /probe/body HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + lengthHeader
                + "\r\nConnection: close\r\n\r\n";
    }

    /** Sends the request, ends the client's side, and answers everything the server wrote back. */
    private static String send(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException reset) {
            return "reset: " + reset.getMessage(); // a refused body may be answered before all of it was sent
        }
    }
}

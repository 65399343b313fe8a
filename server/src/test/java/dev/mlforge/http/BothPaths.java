package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests to {@link DataPlaneRoute}s sent once as a plain client sends them (the lean data plane answers) and once
 * with {@code Accept-Encoding: br}, which only the router serves, each with a fixed {@code X-Request-ID}; and the
 * check that both answers are the same.
 */
final class BothPaths {
    private static final List<String> COMPARED_HEADERS = List.of("Content-Type", "Retry-After", "WWW-Authenticate",
            "X-Request-ID", "X-Content-Type-Options", "X-Frame-Options");

    private BothPaths() {}

    static RawHttp.Response send(int port, boolean viaRouter, String path, String host, String body, String... headers)
            throws Exception {
        List<String> lines = new ArrayList<>(List.of(headers));
        lines.add("X-Request-ID: fixed-id");
        if (viaRouter) {
            lines.add("Accept-Encoding: br");
        }
        return RawHttp.send(port, "POST", path, host, body, lines.toArray(String[]::new));
    }

    /** A refusal or error answered alike by both paths: status, body and the headers a client reads. */
    static void assertSameRefusal(RawHttp.Response lean, RawHttp.Response router, String what) {
        assertThat(lean.status()).as(what).isGreaterThanOrEqualTo(400).isEqualTo(router.status());
        assertThat(lean.body()).as(what).isEqualTo(router.body());
        for (String header : COMPARED_HEADERS) {
            assertThat(lean.header(header)).as(what + " " + header).isEqualTo(router.header(header));
        }
    }
}

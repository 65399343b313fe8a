package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A data-plane route that writes and parses its body first (as log-batch does) is answered ahead of the router with
 * the router's semantics: the policy's check of a body field waits for the route's parse and refuses before the route
 * acts, every write is audited with the body's identifiers and a request id, and refusals and errors are answered the
 * same. Each request is sent as a plain client sends it (lean path) and with {@code Accept-Encoding: br} (router).
 */
class LeanDataPlaneWritesTest {
    /** The route's role, then no write to the run named {@code locked}, read from the route's own parse. */
    private static final AccessPolicy LOCKED_RUN = (identity, request, required) -> {
        AccessPolicy.requireRole(identity, request, required);
        request.whenBodyParsed(() -> {
            if (request.fields("run_id").contains("locked")) {
                throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Run 'locked' is read-only");
            }
        });
    };

    private final List<AuditedRequest> audited = Collections.synchronizedList(new ArrayList<>());
    /** What the route wrote: the run and the number of streamed items, per request that reached it. */
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private BothPaths server;

    @BeforeEach
    void start() {
        DataPlaneRoute.Handler log = exchange -> {
            List<String> items = new ArrayList<>();
            MlflowRequest request = MlflowRequest.streaming(exchange, "items", parser -> items.add(MlflowRequest.string(parser, "item")));
            String run = MlflowRequest.required(request.optionalString("run_id"), "run_id");
            written.add(run + ":" + items.size() + (exchange instanceof LeanExchange ? " lean" : " router"));
            return new DataPlaneRoute.Answer("application/json", "{}".getBytes(StandardCharsets.UTF_8));
        };
        DataPlaneRoute.Handler forgetful = exchange -> new DataPlaneRoute.Answer("application/json", new byte[0]);
        server = new BothPaths(LOCKED_RUN, audited::add,
                List.of(new DataPlaneRoute("/api/2.0/mlflow/runs/log-batch", Role.WRITE, true, log),
                        new DataPlaneRoute("/api/2.0/mlflow/runs/forgetful", Role.WRITE, true, forgetful)),
                routes -> { }); // a data-plane feature without routes of its own
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_write_takes_the_lean_path_and_is_audited_as_the_router_audits_it() throws Exception {
        String body = "{\"run_id\": \"r1\", \"items\": [\"a\", \"b\", \"c\"]}";
        RawHttp.Response lean = server.send(false, "/api/2.0/mlflow/runs/log-batch", "localhost", body,
                "Content-Type: application/json", "Authorization: Bearer writer");
        List<AuditedRequest> leanAudit = List.copyOf(audited);
        audited.clear();
        RawHttp.Response router = server.send(true, "/api/2.0/mlflow/runs/log-batch", "localhost", body,
                "Content-Type: application/json", "Authorization: Bearer writer");

        assertThat(lean.status()).as(lean.body()).isEqualTo(200);
        assertThat(lean.body()).isEqualTo(router.body()).isEqualTo("{}");
        assertThat(written).containsExactly("r1:3 lean", "r1:3 router");
        for (String header : List.of("Content-Type", "X-Request-ID", "X-Content-Type-Options", "X-Frame-Options")) {
            assertThat(lean.header(header)).as(header).isNotNull().isEqualTo(router.header(header));
        }
        assertThat(leanAudit).isEqualTo(List.copyOf(audited)).singleElement().satisfies(record -> {
            assertThat(record.route()).isEqualTo("/api/2.0/mlflow/runs/log-batch");
            assertThat(record.resource()).isEqualTo(Map.of("run_id", "r1"));
            assertThat(record.identity().name()).isEqualTo("wanda");
            assertThat(record.requestId()).isEqualTo("fixed-id");
            assertThat(record.status()).isEqualTo(200);
        });
    }

    @Test
    void refusals_and_errors_are_answered_and_audited_the_same_on_both_paths_and_write_nothing() throws Exception {
        record Case(String path, String host, String body, String[] headers) {}
        String json = "Content-Type: application/json";
        String writer = "Authorization: Bearer writer";
        String path = "/api/2.0/mlflow/runs/log-batch";
        List<Case> cases = List.of(
                new Case(path, "evil.example", "{\"run_id\": \"r1\"}", new String[]{json, writer}),
                new Case(path, "localhost", "{\"run_id\": \"r1\"}", new String[]{json}),
                new Case(path, "localhost", "{\"run_id\": \"r1\"}", new String[]{json, "Authorization: Bearer reader"}),
                new Case(path, "localhost", "{\"run_id\": \"r1\"}", new String[]{json, "Authorization: Bearer forged"}),
                new Case(path, "localhost", "{\"run_id\": \"r1\"}", new String[]{"Content-Type: text/plain", writer}),
                new Case(path, "localhost", "[1, 2]", new String[]{json, writer}),
                // the policy's check waits for the route's parse: the run named after the items is still refused
                new Case(path, "localhost", "{\"items\": [\"a\"], \"run_id\": \"locked\"}", new String[]{json, writer}),
                // refused before the error the route finds in the body (an item that is not a string)
                new Case(path, "localhost", "{\"items\": [{}], \"run_id\": \"locked\"}", new String[]{json, writer}),
                new Case(path, "localhost", "{\"items\": [\"a\"]} {}", new String[]{json, writer}),
                new Case(path, "localhost", "{\"items\": []}", new String[]{json, writer}),
                // a route declared to parse first that never parsed: its access check never ran, so nothing passes
                new Case("/api/2.0/mlflow/runs/forgetful", "localhost", "{\"run_id\": \"locked\"}", new String[]{json, writer}));
        for (Case sent : cases) {
            audited.clear();
            RawHttp.Response lean = server.send(false, sent.path(), sent.host(), sent.body(), sent.headers());
            List<AuditedRequest> leanAudit = List.copyOf(audited);
            audited.clear();
            RawHttp.Response router = server.send(true, sent.path(), sent.host(), sent.body(), sent.headers());
            List<AuditedRequest> routerAudit = List.copyOf(audited);

            String what = sent.body() + " " + List.of(sent.headers()) + " host " + sent.host();
            BothPaths.assertSameRefusal(lean, router, what);
            assertThat(leanAudit).as(what).isEqualTo(routerAudit).hasSize(1);
        }
        assertThat(written).isEmpty();
    }
}

package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the {@link DataPlaneRoute}s on Jetty's own request, in front of Javalin's servlet context: a profile of
 * single-row inference put about half of the request threads' time in the servlet layers and Javalin's dispatch
 * around a route whose own work is tens of microseconds (and log-batch's ingest paid the same per request). It runs the same door ({@link RequestGuard#checkHost},
 * {@link RequestGuard#admit}), the same route handler, the same error answers ({@link ErrorResponses#answer}), the
 * same audit of writes and refusals and the same security headers. A request needing anything else (another method or path,
 * an Origin header or configured CORS, an encoded path, a body of unknown length or over the limit, a compression
 * other than gzip) goes on to the router, which answers it as before.
 */
final class LeanDataPlane extends Handler.Wrapper {
    /** Javalin's default: answers below this size are not compressed. */
    private static final int MIN_COMPRESSED_SIZE = 1500;
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private record Mounted(DataPlaneRoute route, String[] segments) {}

    private final List<Mounted> routes;
    private final RequestGuard guard;
    private final AuditHook audit;
    private final long maxRequestBytes;
    /** Pre-encoded: Jetty copies their bytes into every answer instead of encoding the same names and values again. */
    private final List<HttpField> securityHeaders;

    LeanDataPlane(List<DataPlaneRoute> routes, RequestGuard guard, AuditHook audit, long maxRequestBytes,
            Map<String, String> securityHeaders) {
        this.routes = routes.stream().map(route -> new Mounted(route, route.path().substring(1).split("/"))).toList();
        this.guard = guard;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
        this.securityHeaders = securityHeaders.entrySet().stream()
                .<HttpField>map(header -> new PreEncodedHttpField(header.getKey(), header.getValue())).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        Match match = leanEnough(request.getHeaders()) ? match(path) : null;
        if (match == null) {
            return super.handle(request, response, callback);
        }
        LeanExchange exchange = new LeanExchange(request, response, path, match.route().path(), match.pathParams(),
                match.route().parsesFirst());
        serve(match.route(), exchange, response, callback);
        return true;
    }

    /** True when nothing in the headers needs the router: CORS, chunked or oversized bodies, other compressions. */
    private boolean leanEnough(HttpFields headers) {
        String length = headers.get("Content-Length");
        if (length == null || headers.contains("Origin") || headers.contains("Transfer-Encoding")) {
            return false;
        }
        try {
            long bytes = Long.parseLong(length);
            if (bytes < 0 || bytes > maxRequestBytes) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        String encodings = headers.get("Accept-Encoding");
        return encodings == null || !encodings.contains("br") && !encodings.contains("zstd");
    }

    /** A matched route and its path parameters. */
    private record Match(DataPlaneRoute route, Map<String, String> pathParams) {}

    /** The route whose template {@code path} matches segment by segment, or null (encoded paths go to the router). */
    private Match match(String path) {
        if (path == null || path.indexOf('%') >= 0 || path.indexOf(';') >= 0 || !path.startsWith("/") || path.endsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/");
        for (Mounted mounted : routes) {
            Map<String, String> params = matches(mounted.segments(), parts);
            if (params != null) {
                return new Match(mounted.route(), params);
            }
        }
        return null;
    }

    private static Map<String, String> matches(String[] segments, String[] parts) {
        if (segments.length != parts.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>(4);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (parts[i].isEmpty()) {
                return null;
            }
            if (segment.startsWith("{")) {
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private void serve(DataPlaneRoute route, LeanExchange exchange, Response response, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        securityHeaders.forEach(headers::add);
        int status = 200;
        byte[] body;
        String contentType = "application/json";
        String errorCode = null;
        boolean hostAllowed = false;
        try {
            guard.checkHost(exchange.method(), exchange.path(), exchange.header("Host"));
            hostAllowed = true;
            guard.admit(exchange, route.role());
            DataPlaneRoute.Answer answer = route.handler().handle(exchange);
            if (exchange.awaitsBody()) {
                throw new IllegalStateException("Route " + route.path() + " declared parsesFirst but did not parse its "
                        + "body with MlflowRequest.streaming: its access check never ran");
            }
            body = exchange.rewritten(answer.body());
            contentType = answer.contentType();
        } catch (RuntimeException | IOException e) {
            MlforgeException error = e instanceof MlforgeException known ? known
                    : e instanceof UncheckedIOException unread ? new MlforgeException(ErrorCode.BAD_REQUEST,
                            "Cannot read the request body: " + unread.getCause().getMessage())
                    : ErrorResponses.unexpected(exchange.method(), exchange.path(), e);
            status = ErrorResponses.httpStatus(error.errorCode());
            errorCode = error.errorCode().name();
            body = ErrorResponses.answer(exchange.method(), exchange.path(), error, headers::put);
        }
        if (exchange.contentLength() <= HttpServer.DRAINED_BODY_LIMIT) {
            drain(exchange);
        }
        // A host refused before routing is recorded by its bare path, as the router's audit records it.
        String requestId = hostAllowed ? audit.reportDataPlane(exchange, route.role().includes(Role.WRITE), status, errorCode)
                : audit.reportDataPlane(exchange, AuditHook.cut(exchange.path()), status, errorCode);
        if (requestId != null) {
            headers.put("X-Request-ID", requestId);
        }
        response.setStatus(status);
        headers.add(JSON.getValue().equals(contentType) ? JSON : new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        String encodings = exchange.header("Accept-Encoding");
        if (body.length >= MIN_COMPRESSED_SIZE && encodings != null && encodings.contains("gzip")) {
            body = gzip(body);
            headers.put("Content-Encoding", "gzip");
        }
        headers.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Reads a small body a refusal left unread, so the connection is kept (as the router's after-handler does). */
    private static void drain(LeanExchange exchange) {
        try {
            exchange.body();
        } catch (UncheckedIOException e) {
            // The client went away; Jetty closes the connection.
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.mlforge.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hands every state-changing request (a POST, PUT, PATCH or DELETE whose route needs the WRITE or ADMIN role) and
 * every request refused for its identity (401, 403) to the {@link RequestAudit}, after its answer is decided, from one
 * place in front of all routes. Searches MLflow sends as POST declare READ and are not audited.
 */
final class AuditHook {
    private static final String ROUTE = "mlforge.audit.route";
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    /** A client's request id is kept when it is short and plain; anything else is replaced by a generated one. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RequestAudit audit;
    private final long maxRequestBytes;

    AuditHook(RequestAudit audit, long maxRequestBytes) {
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The matched route, its path parameters and whether it changes state, captured before the door may refuse it. */
    private record MatchedRoute(String template, Map<String, String> pathParams, boolean mutating) {}

    /** Registers the capture before the door's identity check; {@link #installAfter} must run after every handler. */
    void installBefore(RoutesConfig routes) {
        routes.beforeMatched(this::capture);
    }

    void installAfter(RoutesConfig routes) {
        routes.after(this::report);
    }

    private void capture(Context ctx) {
        boolean mutating = WRITES.contains(ctx.method()) && RequestGuard.requiredRole(ctx).includes(Role.WRITE);
        ctx.attribute(ROUTE, new MatchedRoute(ctx.endpoints().matchedHttpEndpoint().path, new LinkedHashMap<>(ctx.pathParamMap()), mutating));
    }

    private void report(Context ctx) {
        MatchedRoute route = ctx.attribute(ROUTE);
        int status = ctx.statusCode();
        boolean refused = status == 401 || status == 403;
        if (!refused && (route == null || !route.mutating())) {
            return;
        }
        Map<String, String> resource = new LinkedHashMap<>();
        if (route != null) {
            route.pathParams().forEach((name, value) -> resource.put(name, ResourceIds.cut(value)));
            if (!refused && bodyWasRead(ctx)) {
                ResourceIds.addFromBody(RequestBodies.read(ctx), resource);
            }
        }
        String template = route != null ? route.template() : cut(ctx.path());
        String requestId = requestId(ctx.header("X-Request-ID"), ctx.res().getHeader("X-Request-ID"));
        ctx.header("X-Request-ID", requestId);
        audit.record(new AuditedRequest(RequestIdentity.of(ctx), ctx.method().name(), template, resource, ctx.ip(),
                requestId, status, ErrorResponses.errorCode(ctx)));
    }

    /**
     * The lean data plane's report of a request to a matched route, answered {@code status}: recorded when the route
     * changes state ({@code mutating}) or the identity was refused (401, 403), as {@link #report} records it, with the
     * identifiers of a JSON body the door read. Answers the request id to send back, or null when nothing is recorded.
     */
    String reportDataPlane(LeanExchange exchange, boolean mutating, int status, String errorCode) {
        boolean refused = status == 401 || status == 403;
        if (!refused && !mutating) {
            return null;
        }
        Map<String, String> resource = new LinkedHashMap<>();
        exchange.pathParams().forEach((name, value) -> resource.put(name, ResourceIds.cut(value)));
        byte[] body = exchange.bodyIfRead();
        if (!refused && body != null && "application/json".equals(BodyTypes.mediaType(exchange.contentType()))) {
            ResourceIds.addFromBody(body, resource);
        }
        return record(exchange, exchange.route(), resource, status, errorCode);
    }

    /** The lean data plane's report of a request refused before routing (its Host): recorded by its bare path. */
    String reportDataPlane(LeanExchange exchange, String path, int status, String errorCode) {
        return status == 401 || status == 403 ? record(exchange, path, new LinkedHashMap<>(), status, errorCode) : null;
    }

    private String record(LeanExchange exchange, String template, Map<String, String> resource, int status,
            String errorCode) {
        String requestId = requestId(exchange.header("X-Request-ID"), null);
        audit.record(new AuditedRequest(exchange.identity(), exchange.method(), template, resource,
                exchange.remoteAddress(), requestId, status, errorCode));
        return requestId;
    }

    /**
     * True when the door already read the body into memory (a JSON body within the size limit on a route whose body it
     * checks): reading it here then costs nothing, and a streamed upload is never read a second time.
     */
    private boolean bodyWasRead(Context ctx) {
        long length = ctx.contentLength();
        boolean hasBody = length > 0 || ctx.header("Transfer-Encoding") != null;
        Set<String> accepted = BodyTypes.accepted(ctx.method(), ctx.path(), hasBody);
        return length > 0 && length <= maxRequestBytes && accepted != null && accepted.contains("application/json")
                && "application/json".equals(BodyTypes.mediaType(ctx.contentType()));
    }

    private static String requestId(String given, String answered) {
        if (given != null && REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        if (answered != null && REQUEST_ID.matcher(answered).matches()) {
            return answered;
        }
        return RequestIds.random();
    }

    static String cut(String path) {
        return path.length() <= AuditedRequest.MAX_PATH ? path : path.substring(0, AuditedRequest.MAX_PATH);
    }
}

package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every request passes before a route runs, in one place: the Host header (DNS rebinding), the Origin of
 * a state-changing browser request (cross-site writes), who is calling and whether the route's role allows it, and
 * the body's media type and JSON shape. Routes then only read what they were promised.
 */
final class RequestGuard {
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
    /** Probes and the version answer whatever name they are reached by, as MLflow's are. */
    private static final Set<String> HOST_EXEMPT = Set.of("/health", "/health/live", "/health/ready", "/version", "/version/mlforge",
            "/v2/health/live", "/v2/health/ready");
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final AllowedHosts hosts;
    private final AllowedOrigins origins;
    private final boolean securityChecks;
    private final long maxRequestBytes;
    private final Authenticator authenticator;
    private final AccessPolicy policy;

    RequestGuard(HttpSettings settings, Authenticator authenticator, AccessPolicy policy) {
        this.hosts = new AllowedHosts(settings.host(), settings.allowedHosts());
        this.origins = new AllowedOrigins(settings.corsAllowedOrigins());
        this.securityChecks = settings.securityChecks();
        this.maxRequestBytes = settings.maxRequestBytes();
        this.authenticator = authenticator;
        this.policy = policy;
    }

    AllowedOrigins origins() {
        return origins;
    }

    void install(RoutesConfig routes) {
        routes.before(this::checkHostAndOrigin);
        routes.beforeMatched(this::admit);
        routes.afterMatched(GuardedRequest::requireChecked);
        routes.afterMatched(GuardedRequest::applyRewrites);
    }

    /** Runs for every request, routed or not: a refused host must not even learn which paths exist. */
    private void checkHostAndOrigin(Context ctx) {
        if (!securityChecks) {
            return;
        }
        String host = ctx.header("Host");
        checkHost(ctx.method().name(), ctx.path(), host);
        String origin = ctx.header("Origin");
        if (WRITES.contains(ctx.method()) && !origins.allowsWrite(origin, host)) {
            log.warn("Refused cross-origin {} {} from '{}' (not in cors-allowed-origins)", ctx.method(), ctx.path(), origin);
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Cross-origin request from '" + origin
                    + "' blocked. Add the origin to the server's cors-allowed-origins to allow it");
        }
    }

    /** The DNS-rebinding check: the Host header must name this server (probes excepted). */
    void checkHost(String method, String path, String host) {
        if (securityChecks && !HOST_EXEMPT.contains(path) && !hosts.allows(host)) {
            log.warn("Refused {} {} with Host header '{}' (not in allowed-hosts)", method, path, host);
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Invalid Host header '" + host
                    + "': possible DNS rebinding attack. Add the name to the server's allowed-hosts to reach it by that name");
        }
    }

    /** Runs when a route matched: identity, then the body the route reads, then the access policy. */
    private void admit(Context ctx) {
        admit(new GuardedRequest(ctx, maxRequestBytes), requiredRole(ctx));
    }

    /** The door's checks on a matched request, whichever path carried it: identity, role, body, access policy. */
    void admit(DoorRequest request, Role required) {
        RequestIdentity identity = authenticator.authenticate(request);
        request.identify(identity);
        if (required != Role.PUBLIC && !identity.authenticated() && !identity.holds(required)) {
            AccessPolicy.requireRole(identity, request, required);
        }
        checkBody(request);
        policy.check(identity, request, required);
    }

    /** The role the route declared; a route that declared none needs READ to look and WRITE to change. */
    static Role requiredRole(Context ctx) {
        Role required = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Role declared && (required == null || declared.includes(required))) {
                required = declared;
            }
        }
        if (required != null) {
            return required;
        }
        HandlerType method = ctx.method();
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS ? Role.READ : Role.WRITE;
    }

    private void checkBody(DoorRequest request) {
        long length = request.contentLength();
        boolean hasBody = length > 0 || request.header("Transfer-Encoding") != null;
        Set<String> accepted = BodyTypes.accepted(request.handlerType(), request.path(), hasBody);
        if (accepted == null || accepted.isEmpty()) {
            return;
        }
        String mediaType = BodyTypes.mediaType(request.header("Content-Type"));
        if (mediaType == null || !accepted.contains(mediaType)) {
            String expected = accepted.size() == 1 ? accepted.iterator().next() : "one of " + new TreeSet<>(accepted);
            throw MlforgeException.invalidParameter("Bad request. Content-Type must be " + expected + " for "
                    + request.method() + " " + request.path() + ", got " + (mediaType == null ? "none" : "'" + mediaType + "'"));
        }
        // A body over the limit is left to the route, which answers 413 naming its own limit.
        if (mediaType.equals("application/json") && length <= maxRequestBytes && !BodyTypes.readByScoringProtocol(request.path())) {
            if (BodyTypes.readByStrictReader(request.path())) {
                JsonBodies.requireObjectStart(request.body());
            } else {
                JsonBodies.requireOneObject(request.body());
            }
        }
    }
}

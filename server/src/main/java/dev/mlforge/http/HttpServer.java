package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.plugin.bundled.CorsPlugin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's Javalin server: one JSON mapper, one error mapping, one {@link RequestGuard} in front of the
 * features' routes, CORS only for configured origins.
 */
public final class HttpServer {
    private final Javalin javalin;
    private final List<ApiDoc> docs;
    private volatile OpenApiDocument openApi;

    /** A server with the default door: loopback host names and the bound address, no CORS origin, no authentication. */
    public HttpServer(String host, int port, long maxRequestBytes, List<Routes> features) {
        this(HttpSettings.of(host, port, maxRequestBytes), Authenticator.none(), features);
    }

    public HttpServer(HttpSettings settings, Authenticator authenticator, List<Routes> features) {
        this(settings, authenticator, AccessPolicy.roles(), RequestAudit.none(), features);
    }

    /** A server whose door establishes identities with {@code authenticator} and admits requests by {@code policy}. */
    public HttpServer(HttpSettings settings, Authenticator authenticator, AccessPolicy policy, List<Routes> features) {
        this(settings, authenticator, policy, RequestAudit.none(), features);
    }

    /** A server whose state-changing and refused requests are handed to {@code audit} once answered. */
    public HttpServer(HttpSettings settings, Authenticator authenticator, RequestAudit audit, List<Routes> features) {
        this(settings, authenticator, AccessPolicy.roles(), audit, features);
    }

    /**
     * A server whose door establishes identities with {@code authenticator}, admits requests by {@code policy}, and
     * hands state-changing and refused requests to {@code audit} once answered.
     */
    public HttpServer(HttpSettings settings, Authenticator authenticator, AccessPolicy policy, RequestAudit audit,
            List<Routes> features) {
        RequestGuard guard = new RequestGuard(settings, authenticator, policy);
        AuditHook auditHook = new AuditHook(audit, settings.maxRequestBytes());
        this.docs = java.util.stream.Stream.concat(features.stream().flatMap(feature -> feature.docs().stream()),
                OPENAPI_DOCS.stream()).toList();
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxRequestBytes();
            if (guard.origins().configured()) {
                config.registerPlugin(cors(guard.origins()));
            }
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorHandler()));
            List<DataPlaneRoute> dataPlane = features.stream().flatMap(feature -> feature.dataPlaneRoutes().stream()).toList();
            if (!guard.origins().configured() && !dataPlane.isEmpty()) {
                // Javalin nests its servlet context inside a wrapper set here: the lean path sees each request first.
                config.jetty.modifyServer(server -> server.setHandler(new LeanDataPlane(dataPlane, guard, auditHook,
                        settings.maxRequestBytes(), securityHeaders(settings))));
            }
            if (settings.tls() != null) {
                config.jetty.addConnector((server, httpConfig) ->
                        TlsConnector.create(server, httpConfig, settings.tls(), settings.host(), settings.port()));
            }
            config.jsonMapper(new io.javalin.json.JavalinJackson(Json.mapper(), false));
            config.router.ignoreTrailingSlashes = true;
            config.routes.exception(MlforgeException.class, (exception, ctx) -> ErrorResponses.write(ctx, exception));
            config.routes.exception(io.javalin.http.HttpResponseException.class, (exception, ctx) ->
                    ErrorResponses.write(ctx, fromJavalin(exception)));
            config.routes.exception(Exception.class, (exception, ctx) -> ErrorResponses.writeUnexpected(ctx, exception));
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (ctx.resultInputStream() == null) {
                    ErrorResponses.write(ctx, new MlforgeException(ErrorCode.ENDPOINT_NOT_FOUND,
                            "No endpoint " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(HttpStatus.METHOD_NOT_ALLOWED.getCode(), ctx -> {
                if (ctx.resultInputStream() == null) {
                    ctx.json(java.util.Map.of("error_code", ErrorCode.ENDPOINT_NOT_FOUND.name(),
                            "message", "Method " + ctx.method() + " not allowed on " + ctx.path()));
                }
            });
            auditHook.installBefore(config.routes);
            guard.install(config.routes);
            dataPlane.forEach(route -> config.routes.post(route.path(), ctx -> answer(ctx, route, settings), route.parsesFirst()
                    ? new io.javalin.security.RouteRole[] {route.role(), RouteParsesFirst.INSTANCE}
                    : new io.javalin.security.RouteRole[] {route.role()}));
            features.stream().filter(Routes::dataPlane).forEach(feature -> feature.addTo(config.routes));
            features.stream().filter(feature -> !feature.dataPlane()).forEach(feature -> feature.addTo(config.routes));
            config.routes.get(OPENAPI_YAML, ctx -> ctx.contentType("application/yaml; charset=utf-8").result(openApi().yaml()),
                    Role.PUBLIC);
            config.routes.get(OPENAPI_JSON, ctx -> ctx.contentType("application/json").result(openApi().json()), Role.PUBLIC);
            config.routes.after(HttpServer::drainSmallUnreadBody);
            Map<String, String> securityHeaders = securityHeaders(settings);
            config.routes.after(ctx -> securityHeaders.forEach(ctx::header));
            auditHook.installAfter(config.routes);
        });
    }

    private static final String OPENAPI_YAML = "/api/openapi.yaml";
    private static final String OPENAPI_JSON = "/api/openapi.json";
    private static final List<ApiDoc> OPENAPI_DOCS = List.of(
            ApiDoc.tag("System").get(OPENAPI_YAML, "This OpenAPI description, as YAML").response("application/yaml"),
            ApiDoc.tag("System").get(OPENAPI_JSON, "This OpenAPI description, as JSON"));

    /**
     * The OpenAPI description of the routes this server registers, built on first use (start-up does not pay for it)
     * from the router's routes and the features' {@link Routes#docs()}.
     */
    public OpenApiDocument openApi() {
        OpenApiDocument document = openApi;
        if (document == null) {
            document = OpenApiDocument.describe(routes(), docs);
            openApi = document;
        }
        return document;
    }

    /** The headers every answer carries: no MIME sniffing, the frame policy, HSTS over TLS. */
    private static Map<String, String> securityHeaders(HttpSettings settings) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        if (settings.securityChecks() && settings.xFrameOptions() != null) {
            headers.put("X-Frame-Options", settings.xFrameOptions());
        }
        if (settings.tls() != null && settings.tls().hstsHeader() != null) {
            headers.put("Strict-Transport-Security", settings.tls().hstsHeader());
        }
        return headers;
    }

    /** A data-plane route reached through the router (the lean path passed it on): the same handler. */
    private static void answer(Context ctx, DataPlaneRoute route, HttpSettings settings) throws IOException {
        DataPlaneRoute.Answer answer = route.handler().handle(new GuardedRequest(ctx, settings.maxRequestBytes()));
        ctx.contentType(answer.contentType()).result(answer.body());
    }

    /** Javalin's CORS answers (preflights included) for the configured origins only; credentials may be sent. */
    private static CorsPlugin cors(AllowedOrigins origins) {
        return new CorsPlugin(cors -> cors.addRule(rule -> {
            if (origins.any()) {
                rule.reflectClientOrigin = true;
            } else {
                origins.list().forEach(rule::allowHost);
            }
            rule.allowCredentials = true;
            rule.exposeHeader("X-Request-ID");
            rule.exposeHeader("X-Model-Version");
        }));
    }

    /** Bodies up to this size that a handler left unread are read to the end so the connection can be kept. */
    static final long DRAINED_BODY_LIMIT = 64 * 1024;

    /**
     * Jetty closes a connection whose request body was left unread when the rest of it has not arrived yet, and a
     * client that pooled that connection then fails its next request (a POST is not retried). Routes that ignore
     * their body (rollback, delete with an empty JSON object) would lose keep-alive under load; reading a small
     * remainder keeps it. Large unread bodies (a refused upload) are still cut off by Jetty.
     */
    private static void drainSmallUnreadBody(Context ctx) throws IOException {
        long length = ctx.req().getContentLengthLong();
        // A body the route read is finished: skipping it spares an 8 KB copy buffer on every request that had one.
        if (length > 0 && length <= DRAINED_BODY_LIMIT && !ctx.req().getInputStream().isFinished()) {
            try {
                ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException brokenBody) {
                // a body shorter than its length was answered 400 already; Jetty closes that connection
            }
        }
    }

    private static MlforgeException fromJavalin(io.javalin.http.HttpResponseException exception) {
        ErrorCode code = switch (exception.getStatus()) {
            case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
            case 413 -> ErrorCode.RESOURCE_EXHAUSTED;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 503 -> ErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> exception.getStatus() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        return new MlforgeException(code, exception.getMessage());
    }

    public HttpServer start() {
        javalin.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return javalin.port();
    }

    /**
     * Each registered route ({@code "POST /api/v1/deployments"}) with the role it declared, or null when it declared
     * none (the door then asks READ to look and WRITE to change): the overview an access policy is written from.
     */
    public Map<String, Role> routeRoles() {
        Map<String, Role> roles = new TreeMap<>();
        routes().forEach(route -> roles.put(route.method() + " " + route.path(), route.role()));
        return roles;
    }

    /** Each registered HTTP route with the role it declared (null for none). */
    private List<OpenApiDocument.Route> routes() {
        List<OpenApiDocument.Route> routes = new java.util.ArrayList<>();
        for (ParsedEndpoint parsed : javalin.unsafe.internalRouter.allHttpHandlers()) {
            Endpoint endpoint = parsed.endpoint;
            if (!endpoint.method.isHttpMethod()) {
                continue;
            }
            Roles declared = endpoint.metadata(Roles.class);
            Role role = declared == null ? null : declared.getRoles().stream().filter(Role.class::isInstance)
                    .map(Role.class::cast).findFirst().orElse(null);
            routes.add(new OpenApiDocument.Route(endpoint.method.name(), endpoint.path, role));
        }
        return routes;
    }

    public void stop() {
        javalin.stop();
    }
}

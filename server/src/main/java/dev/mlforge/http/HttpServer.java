package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The platform's Javalin server: one JSON mapper, one error mapping, the features' routes. */
public final class HttpServer {
    private final Javalin javalin;

    public HttpServer(String host, int port, long maxRequestBytes, List<Routes> features) {
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = maxRequestBytes;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorHandler()));
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
            features.forEach(feature -> feature.addTo(config.routes));
            config.routes.after(HttpServer::drainSmallUnreadBody);
        });
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
        if (length > 0 && length <= DRAINED_BODY_LIMIT) {
            ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
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

    public void stop() {
        javalin.stop();
    }
}

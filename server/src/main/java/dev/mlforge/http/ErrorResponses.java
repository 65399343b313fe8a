package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps error codes to HTTP statuses and writes error bodies, in one place (as MLflow's exceptions.py does).
 *
 * <p>MLflow and platform routes answer {@code {"error_code", "message"}}; the Open Inference Protocol
 * routes under {@code /v2/} answer {@code {"error": "..."}} as that protocol requires.
 */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    /** Where Jackson describes its input ({@code [Source: REDACTED ...; line: 1, column: 2]}) and how it got there. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile(
            "\\s*(\\((start marker at )?\\[Source:[^\\]]*]\\)|(at )?\\[Source:[^\\]]*]|\\(through reference chain:[^)]*\\))");
    /** A Java type Jackson quotes in backticks, {@code `com.example.Rule$Kind`}: only its simple name is kept. */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("`(?:[A-Za-z_][\\w]*\\.)+(?:[\\w]+\\$)*([\\w]+)`");

    private static final String ERROR_CODE = "mlforge.error-code";

    private ErrorResponses() {}

    /** The error code written to this request's answer, or null when none was (a success). */
    static String errorCode(Context ctx) {
        ErrorCode code = ctx.attribute(ERROR_CODE);
        return code == null ? null : code.name();
    }

    public static int httpStatus(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER_VALUE, BAD_REQUEST, RESOURCE_ALREADY_EXISTS -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_DOES_NOT_EXIST, ENDPOINT_NOT_FOUND -> 404;
            case RESOURCE_CONFLICT -> 409;
            case RESOURCE_EXHAUSTED -> 413;
            case REQUEST_LIMIT_EXCEEDED -> 429;
            case INTERNAL_ERROR, INVALID_STATE -> 500;
            case NOT_IMPLEMENTED -> 501;
            case TEMPORARILY_UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
        };
    }

    /** The web UI's sign-in page, where a browser asking for a page without being signed in is sent. */
    private static final String SIGN_IN = "/ui/login";

    /**
     * A browser asking for a web UI page (GET of {@code /ui/...}, HTML accepted) is sent to the sign-in page rather than
     * challenged; API clients (and the UI's own {@code fetch()} calls, which ask for JSON) keep their 401.
     */
    private static boolean wantsSignInPage(Context ctx) {
        String accept = ctx.header("Accept");
        return ctx.method() == io.javalin.http.HandlerType.GET && ctx.path().startsWith("/ui/")
                && !ctx.path().startsWith(SIGN_IN) && accept != null && accept.contains("text/html");
    }

    /** Writes the error for {@code exception} to the response, choosing the body shape by the route. */
    public static void write(Context ctx, MlforgeException exception) {
        ErrorCode code = exception.errorCode();
        int status = httpStatus(code);
        if (status >= 500) {
            log.error("{} {} failed: {}", ctx.method(), ctx.path(), exception.getMessage(), exception);
        }
        if (status == 401 && wantsSignInPage(ctx)) {
            ctx.attribute(ERROR_CODE, code);
            ctx.redirect(SIGN_IN + "?next=" + java.net.URLEncoder.encode(ctx.path()
                    + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), java.nio.charset.StandardCharsets.UTF_8), io.javalin.http.HttpStatus.FOUND);
            ctx.header("Cache-Control", "no-store");
            return;
        }
        ctx.status(status);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"mlforge\"");
        }
        exception.headers().forEach(ctx::header);
        ctx.attribute(ERROR_CODE, code);
        ctx.json(body(ctx.path(), exception));
    }

    /**
     * The error answer for {@code exception} on {@code path} outside the router (the lean data plane): status and
     * headers set on {@code headers}, the JSON body returned; the same answer {@link #write} gives.
     */
    static byte[] answer(String method, String path, MlforgeException exception, java.util.function.BiConsumer<String, String> headers) {
        int status = httpStatus(exception.errorCode());
        if (status >= 500) {
            log.error("{} {} failed: {}", method, path, exception.getMessage(), exception);
        }
        if (status == 401) {
            headers.accept("WWW-Authenticate", "Basic realm=\"mlforge\"");
        }
        exception.headers().forEach(headers);
        try {
            return Json.mapper().writeValueAsBytes(body(path, exception));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An unexpected failure outside the router, logged and answered as {@link #writeUnexpected} does. */
    static MlforgeException unexpected(String method, String path, Exception exception) {
        log.error("{} {} failed unexpectedly", method, path, exception);
        return new MlforgeException(ErrorCode.INTERNAL_ERROR, "Internal error: " + exception.getClass().getSimpleName());
    }

    /** The error body: {@code {"error"}} on the inference protocol's {@code /v2} routes, else MLflow's shape. */
    private static Map<String, Object> body(String path, MlforgeException exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        String message = clientMessage(exception);
        if (path.startsWith("/v2")) {
            body.put("error", message);
        } else {
            body.put("error_code", exception.errorCode().name());
            body.put("message", message);
        }
        return body;
    }

    /**
     * The message of {@code exception} as any transport answers it (HTTP here, the gRPC inference protocol too):
     * library internals cut, and for server errors, this machine's paths.
     */
    public static String clientMessage(MlforgeException exception) {
        String message = publicMessage(exception.getMessage());
        return httpStatus(exception.errorCode()) >= 500 ? withoutServerPaths(message) : message;
    }

    /**
     * A message as clients may read it: library internals a wrapped parser message can carry (Jackson's source
     * description, reference chain and Java type names) are cut. Messages are written without server paths at the
     * source; this is the net under library text.
     */
    static String publicMessage(String message) {
        if (message == null) {
            return "";
        }
        String cleaned = JACKSON_SOURCE.matcher(message).replaceAll("");
        return QUALIFIED_TYPE.matcher(cleaned).replaceAll("`$1`");
    }

    /** A path-like token of at least two segments: {@code /srv/data/artifacts/1/model.onnx}. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.])(/[^/\\s'\"`,;:()\\[\\]]+){2,}");

    /**
     * Replaces absolute paths of files or folders on this machine by their last name, for messages of server errors,
     * which are often a library's text around a file it could not use. Paths that do not exist here (URL paths,
     * a client's own paths) are kept: they tell the client nothing about the server.
     */
    static String withoutServerPaths(String message) {
        return ABSOLUTE_PATH.matcher(message).replaceAll(match -> {
            String token = match.group();
            try {
                java.nio.file.Path path = java.nio.file.Path.of(token);
                boolean local = java.nio.file.Files.exists(path) || path.getParent() != null
                        && path.getParent().getParent() != null && java.nio.file.Files.isDirectory(path.getParent());
                return java.util.regex.Matcher.quoteReplacement(local ? "<server path>/" + path.getFileName() : token);
            } catch (RuntimeException e) {
                return java.util.regex.Matcher.quoteReplacement(token);
            }
        });
    }

    /** Writes an unexpected failure as INTERNAL_ERROR without leaking internals beyond the message. */
    public static void writeUnexpected(Context ctx, Exception exception) {
        write(ctx, unexpected(ctx.method().name(), ctx.path(), exception));
    }
}

package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the routes (an illegal character or a NUL byte in
 * the URI path, a bad encoding) in the platform's JSON error shape instead of Jetty's HTML page. When Jetty
 * could not parse the request line at all it reports the path as {@code /badMessage}, so such requests get the
 * MLflow shape even under {@code /v2}.
 */
final class JettyErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus();
        Object reason = request.getAttribute(ERROR_MESSAGE);
        // Jetty's reason for a server-side failure can be an exception's text: it stays in the log.
        String message = status >= 500 ? "Internal error (HTTP " + status + ")"
                : "Invalid request: " + (reason == null ? "HTTP " + status : reason);
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getHttpURI().getPath() != null && request.getHttpURI().getPath().startsWith("/v2")) {
            body.put("error", message);
        } else {
            body.put("error_code", codeFor(status).name());
            body.put("message", message);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // The request's body (an upload to a refused path) was never read, and Jetty drops such a connection after
        // answering: saying so keeps a pooling client from sending its next request on it and failing with no answer.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(body)), callback);
        return true;
    }

    /** A malformed request line is a bad parameter in MLflow's terms (its handlers refuse such paths the same way). */
    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_PARAMETER_VALUE;
            case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
            case 413, 431 -> ErrorCode.RESOURCE_EXHAUSTED;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }
}

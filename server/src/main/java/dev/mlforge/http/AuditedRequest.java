package dev.mlforge.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the door saw of one audited request: who, what, on which resource, from where and with which outcome. It never
 * holds the body, headers or the query string (credentials travel there), only the identifiers named in
 * {@link #resource()}.
 *
 * @param identity      the caller as the door established it
 * @param method        the HTTP method
 * @param route         the matched route template ({@code /api/v1/deployments/{name}}), or the bare path (cut to
 *                      {@value #MAX_PATH} characters) when the request was refused before a route matched
 * @param resource      identifiers of the resource acted on, from the path parameters and the body's id fields, in
 *                      order (path first)
 * @param sourceAddress the client's address as the server saw it
 * @param requestId     the request id (the client's {@code X-Request-ID} when well formed, else generated)
 * @param status        the HTTP status answered
 * @param errorCode     the error code answered, or null on success
 */
public record AuditedRequest(RequestIdentity identity, String method, String route, Map<String, String> resource,
        String sourceAddress, String requestId, int status, String errorCode) {
    /** The longest bare path kept for a request refused before routing. */
    public static final int MAX_PATH = 200;

    public AuditedRequest {
        resource = Collections.unmodifiableMap(new LinkedHashMap<>(resource));
    }

    /** {@code POST /api/2.0/mlflow/experiments/create}: the action as records name it. */
    public String action() {
        return method + " " + route;
    }
}

package dev.mlforge.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends HTTP calls to the server: URL building, authentication, JSON bodies, retries and error answers.
 *
 * <p>Every failure leaves as a {@link MlforgeClientException}.
 */
final class HttpTransport {
    private final String baseUrl;
    private final HttpClient http;
    /** The header MLflow 3.10's clients name their workspace with. */
    static final String WORKSPACE_HEADER = "X-MLFLOW-WORKSPACE";
    private final String authorization;
    /** The workspace every request names (MLflow's {@code X-MLFLOW-WORKSPACE}), or null for the server's default. */
    private final String workspace;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final ObjectMapper json;

    HttpTransport(String baseUrl, HttpClient http, String authorization, String workspace, Duration requestTimeout,
            RetryPolicy retry, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.authorization = authorization;
        this.workspace = workspace;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.json = json;
    }

    String baseUrl() {
        return baseUrl;
    }

    ObjectMapper json() {
        return json;
    }

    /** How long an API call may take (the builder's request time-out). */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** GET {@code path?query} and read the JSON answer; GETs are idempotent and retried. */
    <T> T getJson(String path, Map<String, ?> query, Class<T> type) {
        HttpRequest request = request(path, query, requestTimeout).GET().build();
        return readJson(exchange(request, true), type);
    }

    /** Sends {@code body} as JSON with {@code method} (POST, PATCH, DELETE) and reads the JSON answer. */
    <T> T sendJson(String method, String path, Object body, Class<T> type, boolean idempotent) {
        HttpRequest request = request(path, Map.of(), requestTimeout)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
                .build();
        return readJson(exchange(request, idempotent), type);
    }

    /** Starts a request builder for {@code path} (relative to the base URL) with the auth and workspace headers set. */
    HttpRequest.Builder request(String path, Map<String, ?> query, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path + queryString(query)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "mlforge-java-sdk");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (workspace != null) {
            builder.header(WORKSPACE_HEADER, workspace);
        }
        return builder;
    }

    /**
     * Sends {@code request}, repeating it by the retry policy, and returns the successful answer with its
     * body unread. Error answers are read and thrown as {@link MlforgeClientException}.
     */
    HttpResponse<InputStream> exchange(HttpRequest request, boolean idempotent) {
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= retry.maxRetries();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                // Nothing reached the server, so any call may be repeated.
                if (lastAttempt) {
                    throw transportFailure(request, "cannot connect to " + baseUrl, e);
                }
                pause(attempt, null);
                continue;
            } catch (IOException e) {
                if (lastAttempt || !idempotent) {
                    throw transportFailure(request, request.method() + " " + request.uri().getPath() + " failed", e);
                }
                pause(attempt, null);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlforgeClientException(0, null, "interrupted while calling " + request.uri(), e);
            }
            int status = response.statusCode();
            if (status < 400) {
                return response;
            }
            MlforgeClientException error = errorFrom(response);
            if (lastAttempt || !retry.retriesStatus(status, idempotent)) {
                throw error;
            }
            pause(attempt, retryAfter(response));
        }
    }

    private MlforgeClientException transportFailure(HttpRequest request, String what, IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new MlforgeClientException(0, null, what + ": " + detail, e);
    }

    private void pause(int attempt, Duration retryAfter) {
        try {
            Thread.sleep(retry.backoff(attempt, retryAfter).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlforgeClientException(0, null, "interrupted while waiting to retry", e);
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private MlforgeClientException errorFrom(HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        int status = response.statusCode();
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                String code = node.path("error_code").asText(null);
                String message = node.hasNonNull("message") ? node.get("message").asText()
                        : node.hasNonNull("error") ? node.get("error").asText() : null;
                if (code != null || message != null) {
                    return new MlforgeClientException(status, code, message == null ? "HTTP " + status : message, null);
                }
            }
        } catch (JsonProcessingException e) {
            // Not JSON (a proxy's HTML page, for instance): fall through to the raw text.
        }
        String text = body.isBlank() ? "" : ": " + (body.length() > 500 ? body.substring(0, 500) + "..." : body.strip());
        return new MlforgeClientException(status, null, "HTTP " + status + " from " + response.request().method() + " "
                + response.request().uri().getPath() + text, null);
    }

    /** Reads the JSON body of a successful answer; {@code Void.class} drains it and returns null. */
    <T> T readJson(HttpResponse<InputStream> response, Class<T> type) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readAllBytes();
            if (type == Void.class) {
                return null;
            }
            if (bytes.length == 0) {
                return json.readValue("{}", type);
            }
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new MlforgeClientException(response.statusCode(), null,
                    "cannot read the answer of " + response.request().uri().getPath() + ": " + e.getMessage(), e);
        }
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ?a=1&b=x&b=y} from the non-null values; collections become repeated keys. */
    static String queryString(Map<String, ?> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((key, value) -> {
            if (value instanceof Collection<?> values) {
                values.forEach(item -> joiner.add(encode(key) + "=" + encode(String.valueOf(item))));
            } else if (value != null) {
                joiner.add(encode(key) + "=" + encode(String.valueOf(value)));
            }
        });
        return joiner.toString();
    }

    /** Percent-encodes one URL component (spaces as {@code %20}, which paths and queries both accept). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

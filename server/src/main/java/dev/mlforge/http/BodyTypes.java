package dev.mlforge.http;

import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which media types each route's request body may have, in one table. A browser sends {@code text/plain},
 * {@code multipart/form-data} and {@code application/x-www-form-urlencoded} cross-site without asking first; every
 * other type needs a CORS preflight this server does not grant unless configured. So each route names the types it
 * reads, and POST, PUT and PATCH (and a DELETE that has a body) with any other type, or none, are refused before the
 * handler runs. Routes not in the table take JSON, as every MLflow route does.
 */
final class BodyTypes {
    static final Set<String> JSON = Set.of("application/json");

    /** A route pattern (regular expression over the path) and the media types its body may have; empty means any. */
    private record Rule(HandlerType method, Pattern path, Set<String> mediaTypes) {
        Rule(HandlerType method, String path, Set<String> mediaTypes) {
            this(method, Pattern.compile(path), mediaTypes);
        }
    }

    private static final List<Rule> RULES = List.of(
            // Artifact uploads carry any file; PUT always preflights cross-site, so any type is safe here.
            new Rule(HandlerType.PUT, "/(ajax-)?api/2\\.0/mlflow-artifacts/artifacts/.+", Set.of()),
            new Rule(HandlerType.POST, "/api/v1/datasets", Set.of("text/csv")),
            // OTLP/HTTP span export: protobuf (MLflow's client, OpenTelemetry SDKs) or OTLP JSON.
            new Rule(HandlerType.POST, "/v1/traces", Set.of("application/x-protobuf", "application/json")),
            // V2 inference: JSON, or with the binary tensor data extension a JSON part followed by raw tensor bytes.
            new Rule(HandlerType.POST, "/v2/models/[^/]+(/versions/[^/]+)?/infer", Set.of("application/json", "application/octet-stream")),
            // MLflow's scoring protocol: JSON or CSV rows.
            new Rule(HandlerType.POST, "/api/v1/deployments/[^/]+/invocations", Set.of("application/json", "text/csv")),
            // The web UI's sign-in and sign-out forms (which work without JavaScript).
            new Rule(HandlerType.POST, "/ui/log(in|out)", Set.of("application/x-www-form-urlencoded")),
            new Rule(HandlerType.POST, "/api/v1/pipelines/runs",
                    Set.of("application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")));

    /**
     * The MLflow API, whose bodies {@link MlflowRequest} reads in one strict pass (one object, nothing after it, exact
     * int64 and string values). The door checks only how such a body starts: skipping the whole of a 1000-metric
     * log-batch first would cost half again its parse time on the hottest route.
     */
    private static final Pattern READ_BY_MLFLOW_REQUEST = Pattern.compile("/(ajax-)?api/[23]\\.0/(preview/)?mlflow/.*");
    /**
     * V2 inference, whose body the serving feature reads in one strict streaming pass (one object, nothing after it):
     * a separate whole-body pass at the door was a tenth of the route's cost for single-row requests.
     */
    private static final Pattern READ_BY_V2_READER = Pattern.compile("/v2/models/[^/]+(/versions/[^/]+)?/infer/?");

    /**
     * MLflow's scoring protocol, whose route answers a malformed JSON body itself with the error texts of MLflow's
     * scoring server (which a client may match on), so the door leaves its JSON alone.
     */
    private static final Pattern READ_BY_SCORING_PROTOCOL = Pattern.compile("/api/v1/deployments/[^/]+/invocations/?");

    private BodyTypes() {}

    /** True when the route checks its JSON body itself and answers in its protocol's own words (MLflow scoring). */
    static boolean readByScoringProtocol(String path) {
        return path.endsWith("/invocations") && READ_BY_SCORING_PROTOCOL.matcher(path).matches();
    }

    /**
     * True when the route's JSON body is read by a strict reader that refuses malformed bodies itself
     * ({@link MlflowRequest}, or the V2 inference reader with {@link JsonBodies#requireNothingAfter}).
     */
    static boolean readByStrictReader(String path) {
        return path.startsWith("/v2/") ? READ_BY_V2_READER.matcher(path).matches() : READ_BY_MLFLOW_REQUEST.matcher(path).matches();
    }

    /** The media types the body of {@code method path} may have (empty: any), or null when it takes no body check. */
    static Set<String> accepted(HandlerType method, String path, boolean hasBody) {
        boolean checked = method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE && hasBody;
        if (!checked) {
            return null;
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Rule rule : RULES) {
            if (rule.method() == method && rule.path().matcher(trimmed).matches()) {
                return rule.mediaTypes();
            }
        }
        return JSON;
    }

    /** The media type of a Content-Type header without its parameters, lower case; null when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}

package dev.mlforge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A matched request as the {@link Authenticator} and {@link AccessPolicy} see it. Body fields are read with a streaming
 * parser that keeps only the asked-for top-level field (log-batch's thousand metrics are skipped, not built), and only
 * from a JSON body within the size limit: an upload's stream is never read here. It is also what a
 * {@link DataPlaneRoute} reads when the router carried its request.
 */
final class GuardedRequest implements DoorRequest, DataPlaneExchange {
    private static final String REWRITES = "mlforge.access.rewrites";
    /** The request whose body checks wait for the route's parse ({@link RouteParsesFirst}). */
    private static final String WAITING = "mlforge.access.waiting";

    private final Context ctx;
    private final long maxRequestBytes;
    /** The body's top-level fields, read once when a policy first asks (or handed over by the route's parse). */
    private Map<String, List<String>> bodyFields;
    /** Checks waiting for the route's parse of the body; null when none waits. */
    private List<Runnable> waiting;

    GuardedRequest(Context ctx, long maxRequestBytes) {
        this.ctx = ctx;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The router's context of this request. */
    Context context() {
        return ctx;
    }

    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public HandlerType handlerType() {
        return ctx.method();
    }

    @Override
    public long contentLength() {
        return ctx.contentLength();
    }

    @Override
    public byte[] body() {
        return RequestBodies.read(ctx);
    }

    @Override
    public String contentType() {
        return ctx.contentType();
    }

    @Override
    public void answerHeader(String name, String value) {
        ctx.header(name, value);
    }

    @Override
    public void identify(RequestIdentity identity) {
        ctx.attribute(RequestIdentity.ATTRIBUTE, identity);
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String remoteAddress() {
        return ctx.ip();
    }

    @Override
    public String route() {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? ctx.path() : endpoint.path;
    }

    @Override
    public String pathParam(String name) {
        return ctx.pathParamMap().get(name);
    }

    @Override
    public String queryParam(String name) {
        return ctx.queryParam(name);
    }

    /**
     * Every value the route could bind for {@code name}: its snake_case and camelCase spellings, and in a query string
     * its {@code k[]} and {@code k[0]} forms, as {@link MlflowRequest} accepts them all; a policy checks each.
     */
    @Override
    public List<String> fields(String name) {
        String camel = MlflowRequest.camelCase(name);
        boolean json = "application/json".equals(BodyTypes.mediaType(ctx.contentType()));
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD || ctx.method() == HandlerType.DELETE && !json) {
            List<String> values = new ArrayList<>();
            ctx.queryParamMap().forEach((key, list) -> {
                if (named(key, name) || named(key, camel)) {
                    values.addAll(list);
                }
            });
            return values;
        }
        if (!json || ctx.contentLength() > maxRequestBytes) {
            return List.of();
        }
        if (bodyFields == null) {
            bodyFields = topLevelFields(RequestBodies.read(ctx));
        }
        return fieldValues(bodyFields, name);
    }

    /** The values of {@code name} among a JSON body's top-level {@code fields}, in both its spellings. */
    static List<String> fieldValues(Map<String, List<String>> fields, String name) {
        String camel = MlflowRequest.camelCase(name);
        List<String> values = new ArrayList<>(fields.getOrDefault(name, List.of()));
        if (!camel.equals(name)) {
            values.addAll(fields.getOrDefault(camel, List.of()));
        }
        return values;
    }

    @Override
    public JsonNode jsonBody() {
        // whatever the Content-Type: the routes that need this parse their body as JSON regardless of it
        if (ctx.contentLength() > maxRequestBytes || ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(RequestBodies.read(ctx));
        } catch (IOException e) {
            // a malformed body names nothing; the route answers it with its own error
            return Json.mapper().missingNode();
        }
    }

    private static boolean named(String key, String name) {
        return key.equals(name) || key.startsWith(name + "[") && key.endsWith("]");
    }

    /**
     * The scalar top-level fields of a JSON object (an array's scalars in order), read in one streaming pass that
     * skips nested objects. A field sent twice counts as its last occurrence, as the JSON binding reads it.
     */
    static Map<String, List<String>> topLevelFields(byte[] body) {
        Map<String, List<String>> fields = new HashMap<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                List<String> values = new ArrayList<>();
                if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken().isScalarValue()) {
                            values.add(parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    values.add(parser.getText());
                } else {
                    parser.skipChildren();
                }
                fields.put(field, values);
            }
        } catch (IOException e) {
            // A malformed body has no fields; the route answers it with its own error.
        }
        return fields;
    }

    /**
     * On a route declared {@link RouteParsesFirst} with a JSON body within the size limit, the check waits for the
     * route's parse ({@link #bodyParsed}); anywhere else, or when the body's fields were already read, it runs now.
     */
    @Override
    public void whenBodyParsed(Runnable check) {
        if (bodyFields != null || !routeParsesFirst()) {
            check.run();
            return;
        }
        if (waiting == null) {
            waiting = new ArrayList<>();
            ctx.attribute(WAITING, this);
        }
        waiting.add(check);
    }

    private boolean routeParsesFirst() {
        return ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.contentLength() <= maxRequestBytes
                && "application/json".equals(BodyTypes.mediaType(ctx.contentType()))
                && ctx.routeRoles().contains(RouteParsesFirst.INSTANCE);
    }

    /** True when checks of this request wait for its route to parse the body. */
    static boolean awaitsBody(Context ctx) {
        return ctx.attribute(WAITING) != null;
    }

    /**
     * The route parsed its body into {@code fields} (top-level ones, as far as the parse got): the checks that waited
     * for it run now, reading those fields. Throws what a check throws (403), before the route acts.
     */
    static void bodyParsed(Context ctx, ObjectNode fields) {
        GuardedRequest request = ctx.attribute(WAITING);
        if (request == null) {
            return;
        }
        ctx.attribute(WAITING, null);
        request.bodyFields = scalarFields(fields);
        for (Runnable check : request.waiting) {
            check.run();
        }
    }

    /** A parsed body's top-level fields as {@link #topLevelFields} reads them from bytes. */
    static Map<String, List<String>> scalarFields(ObjectNode fields) {
        Map<String, List<String>> values = new HashMap<>();
        fields.fields().forEachRemaining(field -> {
            List<String> texts = new ArrayList<>();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(item -> {
                    if (item.isValueNode()) { // a null in a list is the text "null", as the parser's scan reads it
                        texts.add(item.asText());
                    }
                });
            } else if (value.isValueNode() && !value.isNull()) {
                texts.add(value.asText());
            }
            values.put(field.getKey(), texts);
        });
        return values;
    }

    /**
     * After the route: a check that still waits means the route declared {@link RouteParsesFirst} but never parsed its
     * body, so its request was never checked; that is a bug of the route, answered 500 rather than let through.
     */
    static void requireChecked(Context ctx) {
        if (awaitsBody(ctx)) {
            ctx.attribute(WAITING, null);
            if (ctx.status().getCode() / 100 != 2) {
                return; // the route refused the request before reading it: nothing was done
            }
            throw new IllegalStateException("Route " + ctx.endpoints().matchedHttpEndpoint().path + " declared "
                    + "RouteParsesFirst but did not parse its body with MlflowRequest.streaming: its access check never ran");
        }
    }

    @Override
    public void onSuccess(UnaryOperator<String> rewrite) {
        List<UnaryOperator<String>> rewrites = ctx.attribute(REWRITES);
        if (rewrites == null) {
            rewrites = new ArrayList<>();
            ctx.attribute(REWRITES, rewrites);
        }
        rewrites.add(rewrite);
    }

    /** Applies the rewrites asked for this request to a successful JSON answer. */
    static void applyRewrites(Context ctx) {
        List<UnaryOperator<String>> rewrites = ctx.attribute(REWRITES);
        if (rewrites == null || ctx.status().getCode() / 100 != 2) {
            return;
        }
        String body = ctx.result();
        if (body == null) {
            return;
        }
        for (UnaryOperator<String> rewrite : rewrites) {
            body = rewrite.apply(body);
        }
        ctx.result(body.getBytes(StandardCharsets.UTF_8));
    }
}

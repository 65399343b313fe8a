package dev.mlforge.http;

import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/** One request of the {@link LeanDataPlane}, on Jetty's own request and response: the door's view and the route's. */
final class LeanExchange implements DoorRequest, DataPlaneExchange {
    private final Request request;
    private final Response response;
    private final String path;
    private final String template;
    private final Map<String, String> pathParams;
    private final long contentLength;
    private final boolean parsesFirst;
    private byte[] body;
    private Map<String, List<String>> bodyFields;
    private Fields queryParams;
    private RequestIdentity identity = RequestIdentity.anonymous();
    private List<UnaryOperator<String>> rewrites;
    /** Checks waiting for the route's parse of the body ({@link RouteParsesFirst}); null when none waits. */
    private List<Runnable> waiting;

    LeanExchange(Request request, Response response, String path, String template, Map<String, String> pathParams,
            boolean parsesFirst) {
        this.request = request;
        this.response = response;
        this.path = path;
        this.template = template;
        this.pathParams = pathParams;
        this.parsesFirst = parsesFirst;
        this.contentLength = request.getHeaders().getLongField("Content-Length");
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public HandlerType handlerType() {
        return HandlerType.POST;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public String route() {
        return template;
    }

    Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public String queryParam(String name) {
        if (queryParams == null) {
            queryParams = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        Fields.Field field = queryParams.get(name);
        return field == null ? null : field.getValue();
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    /** The body, read once in full (the lean path takes only bodies of a known length within the limit). */
    @Override
    public byte[] body() {
        if (body == null) {
            try {
                // Straight into one array of the declared length: readNBytes(n) gathers 8 KB chunks and copies them
                // again (for an 83 KB log-batch, about four times its size allocated per request).
                byte[] read = new byte[(int) contentLength];
                if (Content.Source.asInputStream(request).readNBytes(read, 0, read.length) < read.length) {
                    throw MlforgeException.invalidParameter("The request body is shorter than its Content-Length");
                }
                body = read;
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the request body", e);
            }
        }
        return body;
    }

    /** The body when it was read, else null. */
    byte[] bodyIfRead() {
        return body;
    }

    @Override
    public List<String> fields(String name) {
        if (!"application/json".equals(BodyTypes.mediaType(contentType()))) {
            return List.of();
        }
        if (bodyFields == null) {
            bodyFields = GuardedRequest.topLevelFields(body());
        }
        return GuardedRequest.fieldValues(bodyFields, name);
    }

    /** The body as JSON whatever its Content-Type (the lean path's bodies are within the limit); missing when not JSON. */
    @Override
    public com.fasterxml.jackson.databind.JsonNode jsonBody() {
        try {
            return Json.mapper().readTree(body());
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    /**
     * On a route that parses first, with a JSON body, the check waits for the route's parse ({@link #bodyParsed}), as
     * {@link GuardedRequest#whenBodyParsed} has it on the router; otherwise, or once the fields are known, it runs now.
     */
    @Override
    public void whenBodyParsed(Runnable check) {
        if (bodyFields != null || !parsesFirst || !"application/json".equals(BodyTypes.mediaType(contentType()))) {
            check.run();
            return;
        }
        if (waiting == null) {
            waiting = new ArrayList<>();
        }
        waiting.add(check);
    }

    /** True when checks of this request wait for its route to parse the body. */
    boolean awaitsBody() {
        return waiting != null;
    }

    /** The route parsed the body into {@code fields}: the waiting checks run now on them (a refusal is thrown). */
    void bodyParsed(com.fasterxml.jackson.databind.node.ObjectNode fields) {
        List<Runnable> checks = waiting;
        waiting = null;
        bodyFields = GuardedRequest.scalarFields(fields);
        checks.forEach(Runnable::run);
    }

    @Override
    public void identify(RequestIdentity identity) {
        this.identity = identity;
    }

    RequestIdentity identity() {
        return identity;
    }

    @Override
    public void onSuccess(UnaryOperator<String> rewrite) {
        if (rewrites == null) {
            rewrites = new ArrayList<>();
        }
        rewrites.add(rewrite);
    }

    /** A 2xx body after the rewrites a policy asked for, as {@link GuardedRequest#applyRewrites} does. */
    byte[] rewritten(byte[] answer) {
        if (rewrites == null) {
            return answer;
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        for (UnaryOperator<String> rewrite : rewrites) {
            text = rewrite.apply(text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void answerHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }
}

package dev.mlforge.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the OpenAPI description says of one route, declared by the {@link Routes} that registers it
 * ({@link Routes#docs()}); {@link OpenApiDocument} adds the path parameters, the role's security and the usual error
 * answers (400, 404 for a path naming a resource, 401 and 403 for a route that needs a role). A JSON body is described
 * by the record it is read into or written from (its schema is generated from the record, so it follows the record's
 * Jackson names); a body of another media type by that type alone.
 *
 * @param method      the HTTP method, upper case
 * @param path        the path as registered ({@code {param}} or {@code <param>} segments)
 * @param tag         the group the route is listed under ({@code Deployments})
 * @param summary     one line saying what the route does
 * @param description more prose, or null
 * @param requests    the request body in each media type the route reads (the first is the usual one), empty
 *                    when it reads none
 * @param responses   the success answer's body in each media type the route answers (by the request's
 *                    {@code Accept} or a parameter), empty when it has none
 * @param status      the success answer's status and what it means
 * @param query       the query parameters the route reads, by name, with what each does and whether the route
 *                    refuses a request without it
 * @param answers     other statuses the route answers, with what each means (a 2xx carries the success body, a 3xx
 *                    none, a 4xx or 5xx the error body)
 */
public record ApiDoc(String method, String path, String tag, String summary, String description, List<Body> requests,
        List<Body> responses, Status status, Map<String, Query> query, Map<Integer, String> answers) {
    public ApiDoc {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("The documentation of " + method + " " + path + " needs a summary");
        }
        Objects.requireNonNull(status, "status");
        requests = List.copyOf(requests);
        responses = List.copyOf(responses);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        answers = java.util.Collections.unmodifiableMap(new TreeMap<>(answers));
    }

    /** The route as the router lists it: {@code "POST /api/v1/deployments"}. */
    public String route() {
        return method + " " + path;
    }

    /** The same route reading a body of {@code type}, a JSON record. */
    public ApiDoc request(Class<?> type) {
        return new ApiDoc(method, path, tag, summary, description, List.of(Body.json(type)), responses, status, query,
                answers);
    }

    /** The same route reading a body of {@code mediaType} (a string, or bytes for a binary type). */
    public ApiDoc request(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, List.of(new Body(mediaType, null)), responses, status,
                query, answers);
    }

    /** The same route also reading a body of {@code mediaType} instead of the one(s) declared before. */
    public ApiDoc orRequest(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, plus(requests, new Body(mediaType, null)), responses,
                status, query, answers);
    }

    /** The same route answering {@code type}, a JSON record. */
    public ApiDoc response(Class<?> type) {
        return new ApiDoc(method, path, tag, summary, description, requests, List.of(Body.json(type)), status, query,
                answers);
    }

    /** The same route answering a body of {@code mediaType}. */
    public ApiDoc response(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, requests, List.of(new Body(mediaType, null)), status,
                query, answers);
    }

    /** The same route also answering a body of {@code mediaType} instead of the one(s) declared before. */
    public ApiDoc orResponse(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, requests, plus(responses, new Body(mediaType, null)),
                status, query, answers);
    }

    private static List<Body> plus(List<Body> bodies, Body more) {
        List<Body> all = new java.util.ArrayList<>(bodies);
        all.add(more);
        return all;
    }

    /** The same route whose success answer is {@code code} (201, a 3xx redirect...), meaning {@code meaning}. */
    public ApiDoc status(int code, String meaning) {
        return new ApiDoc(method, path, tag, summary, description, requests, responses, new Status(code, meaning), query,
                answers);
    }

    /** The same route answering a page of the web UI: 200 with an HTML body. */
    public ApiDoc htmlPage() {
        return response("text/html").status(200, "An HTML page");
    }

    /** The same route answering its success without a body. */
    public ApiDoc withoutBody() {
        return new ApiDoc(method, path, tag, summary, description, requests, List.of(), status, query, answers);
    }

    /** The same route reading the query parameter {@code name}, which it does without. */
    public ApiDoc query(String name, String meaning) {
        return withQuery(name, new Query(meaning, false));
    }

    /** The same route reading the query parameter {@code name}, refusing a request without it (a 4xx naming it). */
    public ApiDoc requiredQuery(String name, String meaning) {
        return withQuery(name, new Query(meaning, true));
    }

    private ApiDoc withQuery(String name, Query parameter) {
        Map<String, Query> more = new LinkedHashMap<>(query);
        more.put(name, parameter);
        return new ApiDoc(method, path, tag, summary, description, requests, responses, status, more, answers);
    }

    /** The same route also answering {@code code}, meaning {@code meaning} (blank for the code's usual sense). */
    public ApiDoc also(int code, String meaning) {
        Map<Integer, String> more = new TreeMap<>(answers);
        more.put(code, meaning);
        return new ApiDoc(method, path, tag, summary, description, requests, responses, status, query, more);
    }

    /** The same route with more prose. */
    public ApiDoc describedAs(String text) {
        return new ApiDoc(method, path, tag, summary, text, requests, responses, status, query, answers);
    }

    /** Starts the documentation of a feature's routes listed under {@code tag}. */
    public static Tag tag(String tag) {
        return new Tag(tag);
    }

    /**
     * A body: its media type and, for JSON, the record it maps to (null for a JSON object the route reads or writes
     * field by field).
     */
    public record Body(String mediaType, Class<?> type) {
        public Body {
            Objects.requireNonNull(mediaType, "mediaType");
        }

        static Body json(Class<?> type) {
            return new Body("application/json", type);
        }
    }

    /** A query parameter: what it does (blank for nothing more than its name) and whether the route needs it. */
    public record Query(String meaning, boolean required) {
    }

    /** The success answer's status and what it means. */
    public record Status(int code, String meaning) {
        static final Status OK = new Status(200, "OK");
    }

    /** The routes of one tag: {@code deployments.post(BASE, "Create a deployment")}. */
    public record Tag(String name) {
        public ApiDoc get(String path, String summary) {
            return of("GET", path, summary);
        }

        public ApiDoc post(String path, String summary) {
            return of("POST", path, summary);
        }

        public ApiDoc put(String path, String summary) {
            return of("PUT", path, summary);
        }

        public ApiDoc patch(String path, String summary) {
            return of("PATCH", path, summary);
        }

        public ApiDoc delete(String path, String summary) {
            return of("DELETE", path, summary);
        }

        /** A route answering 200 with a JSON object until {@link ApiDoc#response} names its record. */
        public ApiDoc of(String method, String path, String summary) {
            return new ApiDoc(method.toUpperCase(Locale.ROOT), path, name, summary, null, List.of(),
                    List.of(Body.json(null)), Status.OK, Map.of(), Map.of());
        }
    }
}

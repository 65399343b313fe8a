package dev.mlforge.http;

import java.util.Locale;
import java.util.Objects;

/**
 * What the OpenAPI description says of one route, declared by the {@link Routes} that registers it
 * ({@link Routes#docs()}); {@link OpenApiDocument} adds the path parameters, the role's security and the error answers.
 * A JSON body is described by the record it is read into or written from (its schema is generated from the record, so
 * it follows the record's Jackson names); a body of another media type by that type alone.
 *
 * @param method      the HTTP method, upper case
 * @param path        the path as registered ({@code {param}} or {@code <param>} segments)
 * @param tag         the group the route is listed under ({@code Deployments})
 * @param summary     one line saying what the route does
 * @param description more prose, or null
 * @param request     the request body, or null when the route reads none
 * @param response    the 200 answer's body
 */
public record ApiDoc(String method, String path, String tag, String summary, String description, Body request,
        Body response) {
    public ApiDoc {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("The documentation of " + method + " " + path + " needs a summary");
        }
        Objects.requireNonNull(response, "response");
    }

    /** The route as the router lists it: {@code "POST /api/v1/deployments"}. */
    public String route() {
        return method + " " + path;
    }

    /** The same route reading a body of {@code type}, a JSON record. */
    public ApiDoc request(Class<?> type) {
        return new ApiDoc(method, path, tag, summary, description, Body.json(type), response);
    }

    /** The same route reading a body of {@code mediaType} (a string, or bytes for a binary type). */
    public ApiDoc request(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, new Body(mediaType, null), response);
    }

    /** The same route answering {@code type}, a JSON record. */
    public ApiDoc response(Class<?> type) {
        return new ApiDoc(method, path, tag, summary, description, request, Body.json(type));
    }

    /** The same route answering a body of {@code mediaType}. */
    public ApiDoc response(String mediaType) {
        return new ApiDoc(method, path, tag, summary, description, request, new Body(mediaType, null));
    }

    /** The same route with more prose. */
    public ApiDoc describedAs(String text) {
        return new ApiDoc(method, path, tag, summary, text, request, response);
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

        /** A route answering a JSON object until {@link ApiDoc#response} names its record. */
        public ApiDoc of(String method, String path, String summary) {
            return new ApiDoc(method.toUpperCase(Locale.ROOT), path, name, summary, null, null, Body.json(null));
        }
    }
}

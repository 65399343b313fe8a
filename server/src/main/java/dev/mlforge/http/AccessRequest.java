package dev.mlforge.http;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What an {@link AccessPolicy} may read of a matched request to find the resource it touches, the way MLflow's
 * {@code _get_request_param} does: the route's path template, its path parameters, and the request's fields (query
 * string for GET, JSON body otherwise, as {@link MlflowRequest} reads them). A policy may also ask to see, and
 * rewrite, the JSON body of a successful answer (to drop what a search found that the caller may not read, or to
 * record the creator of a new resource).
 */
public interface AccessRequest extends IncomingRequest {
    /** The matched route's path template, e.g. {@code /api/2.0/mlflow/runs/get} or {@code /api/v1/tokens/{id}}. */
    String route();

    /** A path parameter of the route, or null. */
    String pathParam(String name);

    /** A query string parameter, whatever the method (a streamed upload names its resource there), or null. */
    String queryParam(String name);

    /** A request field as text (GET: the query string; otherwise the JSON body's top-level field), or null. */
    default String field(String name) {
        List<String> values = fields(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** A request field holding a list of values (or a single value as a list of one); empty when absent. */
    List<String> fields(String name);

    /**
     * The body parsed as JSON whatever its Content-Type (within the size limit), for the routes that name their
     * resource deeper than a top-level field (a trace's experiment, a definitions document's names) or read their body
     * as JSON regardless of its type; a missing node when it is not JSON. Never for upload routes: it reads the body.
     */
    com.fasterxml.jackson.databind.JsonNode jsonBody();

    /**
     * Runs a check that reads the body's fields: now, or on a route declared {@link RouteParsesFirst}, when the route has
     * parsed its body (with the fields of that parse), before it acts. A refusal then still comes before any write,
     * and before any error the route finds in the body.
     */
    default void whenBodyParsed(Runnable check) {
        check.run();
    }

    /** Runs {@code rewrite} on the JSON body of a 2xx answer before it is sent; its result is what the client gets. */
    void onSuccess(UnaryOperator<String> rewrite);
}

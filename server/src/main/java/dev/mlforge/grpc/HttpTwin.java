package dev.mlforge.grpc;

import java.util.Map;

/**
 * The HTTP route a gRPC call stands for, so the door asks the same {@link dev.mlforge.http.AccessPolicy} about it as
 * about its REST twin: {@code ModelInfer} of model {@code iris} is {@code POST /v2/models/{name}/infer} with
 * {@code name=iris}. The call's metadata is read as the request's headers.
 *
 * @param method     the HTTP method of the twin route
 * @param route      its path template
 * @param pathParams the template's parameters, read from the call's message
 */
public record HttpTwin(String method, String route, Map<String, String> pathParams) {
    public HttpTwin {
        pathParams = Map.copyOf(pathParams);
    }

    /** The concrete path, the template with its parameters filled in (what refusals name). */
    String path() {
        String path = route;
        for (Map.Entry<String, String> param : pathParams.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", param.getValue());
        }
        return path;
    }
}

package dev.mlforge.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.AccessRequest;
import dev.mlforge.http.Json;
import io.grpc.Metadata;
import java.net.SocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A gRPC call as the {@link dev.mlforge.http.Authenticator} (as {@code POST /<service>/<method>}) and the access policy
 * read requests: its {@link HttpTwin}'s route and path parameters, the call's metadata
 * as headers; it has no query string or JSON fields, and its answer is never rewritten (no gRPC method lists resources).
 */
record TwinRequest(HttpTwin twin, Metadata headers, SocketAddress remote) implements AccessRequest {
    @Override
    public String method() {
        return twin.method();
    }

    @Override
    public String path() {
        return twin.path();
    }

    @Override
    public String header(String name) {
        return GrpcRequestHeaders.header(headers, name);
    }

    @Override
    public String remoteAddress() {
        return remote == null ? null : remote.toString();
    }

    @Override
    public String route() {
        return twin.route();
    }

    @Override
    public String pathParam(String name) {
        return twin.pathParams().get(name);
    }

    @Override
    public String queryParam(String name) {
        return null;
    }

    @Override
    public String field(String name) {
        return null;
    }

    @Override
    public List<String> fields(String name) {
        return List.of();
    }

    @Override
    public JsonNode jsonBody() {
        return Json.mapper().missingNode();
    }

    @Override
    public void onSuccess(UnaryOperator<String> rewrite) {
        // a gRPC answer is a protobuf message: nothing to rewrite
    }
}

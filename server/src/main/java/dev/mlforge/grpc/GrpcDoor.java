package dev.mlforge.grpc;

import dev.mlforge.http.Authenticator;
import dev.mlforge.http.IncomingRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Map;

/**
 * What every gRPC call passes before the service runs, as HTTP requests pass the HTTP door: the same
 * {@link Authenticator} (credentials in the {@code authorization} metadata), the role its service declared for the
 * method (ADMIN when it declared none), and the call's metadata made readable as headers.
 */
final class GrpcDoor implements ServerInterceptor {
    private final Authenticator authenticator;
    private final Map<String, Role> roles;

    GrpcDoor(Authenticator authenticator, Map<String, Role> roles) {
        this.authenticator = authenticator;
        this.roles = Map.copyOf(roles);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Role required = roles.getOrDefault(method, Role.ADMIN);
        try {
            RequestIdentity identity = authenticator.authenticate(new CallRequest(method, headers,
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
            if (!identity.holds(required)) {
                Status refusal = identity.authenticated()
                        ? Status.PERMISSION_DENIED.withDescription("User '" + identity.name() + "' may not call " + method
                                + ": it needs the " + required + " role")
                        : Status.UNAUTHENTICATED.withDescription("Authentication is required for " + method);
                return refuse(call, refusal);
            }
        } catch (MlforgeException e) {
            return refuse(call, GrpcStatuses.of(e));
        }
        return Contexts.interceptCall(Context.current().withValue(GrpcRequestHeaders.METADATA, headers), call, headers, next);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /** A gRPC call as the {@link Authenticator} reads requests: POST to {@code /<service>/<method>}. */
    private record CallRequest(String fullMethod, Metadata headers, SocketAddress remote) implements IncomingRequest {
        @Override
        public String method() {
            return "POST";
        }

        @Override
        public String path() {
            return "/" + fullMethod;
        }

        @Override
        public String header(String name) {
            return GrpcRequestHeaders.header(headers, name);
        }

        @Override
        public String remoteAddress() {
            return remote == null ? null : remote.toString();
        }
    }
}

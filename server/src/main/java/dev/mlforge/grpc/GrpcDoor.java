package dev.mlforge.grpc;

import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.AuditedRequest;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestAudit;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.RequestIds;
import dev.mlforge.http.Role;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every gRPC call passes before the service runs, as HTTP requests pass the HTTP door: the same
 * {@link Authenticator} (credentials in the {@code authorization} metadata), the role its service declared for the
 * method (ADMIN when it declared none), and the call's metadata made readable as headers. The audit trail gets what
 * it gets of HTTP requests: every refused call (UNAUTHENTICATED, PERMISSION_DENIED) and every call of a method that
 * changes state (declared WRITE or ADMIN) once it is closed, as {@code POST /<service>/<method>} with the status its
 * gRPC code stands for in HTTP. Predictions change nothing and are not recorded (as over HTTP: the prediction log
 * keeps them). A method with an {@link HttpTwin} then passes the {@link AccessPolicy} as its twin route would, once its
 * request message names the resource (a deployment's grants for {@code ModelInfer}): refused with the same codes.
 */
final class GrpcDoor implements ServerInterceptor {
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern PLAIN_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Authenticator authenticator;
    private final Map<String, Role> roles;
    private final Twins twins;
    private final RequestAudit audit;

    /** The access policy, and for each method with a twin how its request message names the twin route. */
    record Twins(AccessPolicy policy, Map<String, Function<Object, HttpTwin>> routes) {}

    GrpcDoor(Authenticator authenticator, Map<String, Role> roles, Twins twins, RequestAudit audit) {
        this.authenticator = authenticator;
        this.roles = Map.copyOf(roles);
        this.twins = twins;
        this.audit = audit;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Role required = roles.getOrDefault(method, Role.ADMIN);
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        RequestIdentity identity;
        try {
            identity = authenticator.authenticate(new TwinRequest(new HttpTwin("POST", "/" + method, Map.of()), headers, remote));
            if (!identity.holds(required)) {
                Status refusal = identity.authenticated()
                        ? Status.PERMISSION_DENIED.withDescription("User '" + identity.name() + "' may not call " + method
                                + ": it needs the " + required + " role")
                        : Status.UNAUTHENTICATED.withDescription("Authentication is required for " + method);
                return refuse(call, refusal, identity, headers, remote);
            }
        } catch (MlforgeException e) {
            return refuse(call, GrpcStatuses.of(e), RequestIdentity.anonymous(), headers, remote);
        }
        ServerCall<Q, A> watched = call;
        if (required.includes(Role.WRITE)) {
            RequestIdentity caller = identity;
            watched = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                    record(method, status, caller, headers, remote);
                    super.close(status, trailers);
                }
            };
        }
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(GrpcRequestHeaders.METADATA,
                headers), watched, headers, next);
        Function<Object, HttpTwin> twin = twins.routes().get(method);
        return twin == null ? listener : checked(listener, call, twin, identity, required, headers, remote);
    }

    /**
     * Passes the call's first message to the service only when the policy admits its twin request; otherwise closes
     * the call with the refusal's status, audited, and drops what the client sends after.
     */
    private <Q, A> ServerCall.Listener<Q> checked(ServerCall.Listener<Q> listener, ServerCall<Q, A> call,
            Function<Object, HttpTwin> twin, RequestIdentity identity, Role required, Metadata headers, SocketAddress remote) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                try {
                    twins.policy().check(identity, new TwinRequest(twin.apply(message), headers, remote), required);
                } catch (MlforgeException e) {
                    refused = true;
                    Status status = GrpcStatuses.of(e);
                    record(call.getMethodDescriptor().getFullMethodName(), status, identity, headers, remote);
                    call.close(status, new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                if (!refused) {
                    super.onReady();
                }
            }
        };
    }

    private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status, RequestIdentity identity,
            Metadata headers, SocketAddress remote) {
        if (status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED) {
            record(call.getMethodDescriptor().getFullMethodName(), status, identity, headers, remote);
        }
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    private void record(String method, Status status, RequestIdentity identity, Metadata headers, SocketAddress remote) {
        String given = headers.get(REQUEST_ID);
        String requestId = given != null && PLAIN_REQUEST_ID.matcher(given).matches() ? given : RequestIds.random();
        audit.record(new AuditedRequest(identity, "POST", "/" + method, Map.of(), address(remote), requestId,
                httpStatus(status.getCode()), status.isOk() ? null : errorCode(status.getCode())));
    }

    /** The client's address as HTTP records show it: the IP alone, without the port. */
    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return remote == null ? "" : remote.toString();
    }

    /** The HTTP status a gRPC code stands for (as grpc-gateway and the Open Inference Protocol pair them). */
    static int httpStatus(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }

    /** The MLflow error code of a refused or failed call, as its HTTP twin would answer it. */
    private static String errorCode(Status.Code code) {
        return switch (code) {
            case UNAUTHENTICATED -> "UNAUTHENTICATED";
            case PERMISSION_DENIED -> "PERMISSION_DENIED";
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> "INVALID_PARAMETER_VALUE";
            case NOT_FOUND -> "RESOURCE_DOES_NOT_EXIST";
            case ALREADY_EXISTS -> "RESOURCE_ALREADY_EXISTS";
            case RESOURCE_EXHAUSTED -> "REQUEST_LIMIT_EXCEEDED";
            case UNAVAILABLE -> "TEMPORARILY_UNAVAILABLE";
            case DEADLINE_EXCEEDED -> "DEADLINE_EXCEEDED";
            case UNIMPLEMENTED -> "NOT_IMPLEMENTED";
            default -> "INTERNAL_ERROR";
        };
    }
}

package dev.mlforge.grpc;

import dev.mlforge.http.Role;
import io.grpc.BindableService;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A feature's gRPC service and what each of its methods needs, declared where the service is built as HTTP routes
 * declare their role.
 *
 * @param service the implementation
 * @param roles   each method's full name ({@code inference.GRPCInferenceService/ModelInfer}) and the role it needs;
 *                a method not listed needs ADMIN, so a new method is closed until it is declared
 * @param twins   for the methods that touch one resource, the HTTP route each call stands for (read from its request
 *                message), so the resource permissions of the REST twin apply to the call too
 * @param nonBlocking the methods that never block the thread they are called on (they hand slow work to threads
 *                of their own): their calls without credentials run on the transport's event loop, with no hand-off
 *                to the call pool (authenticating credentials may read the store, so those calls still go there)
 */
public record GrpcService(BindableService service, Map<String, Role> roles, Map<String, Function<Object, HttpTwin>> twins,
        Set<String> nonBlocking) {
    public GrpcService {
        roles = Map.copyOf(roles);
        twins = Map.copyOf(twins);
        nonBlocking = Set.copyOf(nonBlocking);
    }

    /** A service whose methods may all block. */
    public GrpcService(BindableService service, Map<String, Role> roles, Map<String, Function<Object, HttpTwin>> twins) {
        this(service, roles, twins, Set.of());
    }

    /** A service whose methods are governed by their roles alone. */
    public GrpcService(BindableService service, Map<String, Role> roles) {
        this(service, roles, Map.of());
    }
}

package dev.mlforge.grpc;

import dev.mlforge.http.Role;
import io.grpc.BindableService;
import java.util.Map;

/**
 * A feature's gRPC service and what each of its methods needs, declared where the service is built as HTTP routes
 * declare their role.
 *
 * @param service the implementation
 * @param roles   each method's full name ({@code inference.GRPCInferenceService/ModelInfer}) and the role it needs;
 *                a method not listed needs ADMIN, so a new method is closed until it is declared
 */
public record GrpcService(BindableService service, Map<String, Role> roles) {
    public GrpcService {
        roles = Map.copyOf(roles);
    }
}

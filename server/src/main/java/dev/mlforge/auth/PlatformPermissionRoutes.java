package dev.mlforge.auth;

import static dev.mlforge.http.MlflowRequest.required;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/permissions}: one user's permission on one of the platform's resources (a deployment, a monitor, a
 * dataset), created, read, updated and deleted as MLflow's permission routes do for experiments and registered models
 * (which are accepted here too). Who may call is the {@link PermissionChecker}'s table: MANAGE on the resource.
 */
final class PlatformPermissionRoutes implements Routes {
    static final String BASE = "/api/v1/permissions";
    static final List<String> KINDS = Arrays.stream(ResourceKind.values()).map(ResourceKind::wireName).toList();

    private final PermissionService permissions;

    PlatformPermissionRoutes(PermissionService permissions) {
        this.permissions = permissions;
    }

    /**
     * The request of every verb: the resource and the user, always required, and the permission, required by create
     * and update (not marked: DELETE reads the same record without it).
     */
    public record GrantRequest(
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_type") String resourceType,
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_id") String resourceId,
            @Schema(requiredMode = REQUIRED) @JsonProperty("username") String username,
            @JsonProperty("permission") String permission) {}

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            ResourceKind kind = kind(request);
            ResourceGrant grant = permissions.create(kind, resourceId(request), username(request),
                    required(request.permission(), "permission"));
            ctx.json(answer(kind, grant.resource(), request.username(), grant.permission()));
        }, Role.READ);
        routes.get(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            ResourceKind kind = kind(request);
            ResourceGrant grant = permissions.get(kind, resourceId(request), username(request));
            ctx.json(answer(kind, grant.resource(), request.username(), grant.permission()));
        }, Role.READ);
        routes.patch(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            permissions.update(kind(request), resourceId(request), username(request), required(request.permission(), "permission"));
            ctx.json(Map.of());
        }, Role.READ);
        routes.delete(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            permissions.delete(kind(request), resourceId(request), username(request));
            ctx.json(Map.of());
        }, Role.READ);
    }

    private static ResourceKind kind(GrantRequest request) {
        ResourceKind kind = ResourceKind.fromWire(required(request.resourceType(), "resource_type"));
        if (kind == null) {
            throw MlforgeException.invalidParameter("Invalid value '" + request.resourceType()
                    + "' for parameter 'resource_type': expected one of " + KINDS);
        }
        return kind;
    }

    private static String resourceId(GrantRequest request) {
        return required(request.resourceId(), "resource_id");
    }

    private static String username(GrantRequest request) {
        return required(request.username(), "username");
    }

    private static Map<String, Object> answer(ResourceKind kind, String resource, String username, Permission permission) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("resource_type", kind.wireName());
        grant.put("resource_id", resource);
        grant.put("username", username);
        grant.put("permission", permission.name());
        return Map.of("permission", grant);
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag permissions = ApiDoc.tag("Permissions");
        return List.of(
                permissions.post(BASE, "Grant a user a permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(GrantRequest.class).also(404, "").also(429, ""),
                permissions.get(BASE, "A user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .query("resource_type", "").query("resource_id", "").query("username", "").also(404, "")
                        .also(429, ""),
                permissions.patch(BASE, "Change a user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(GrantRequest.class).withoutBody().status(200, "OK (an empty object)").also(404, "")
                        .also(429, ""),
                permissions.delete(BASE, "Remove a user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(GrantRequest.class).withoutBody().status(200, "OK (an empty object)").also(404, "")
                        .also(429, ""));
    }
}

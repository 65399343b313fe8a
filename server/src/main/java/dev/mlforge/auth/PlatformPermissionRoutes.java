package dev.mlforge.auth;

import static dev.mlforge.http.MlflowRequest.required;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlforge.api.auth.ResourcePermission;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
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

    /** The body of create and update: the resource, the user and the permission. */
    public record GrantRequest(
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_type") String resourceType,
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_id") String resourceId,
            @Schema(requiredMode = REQUIRED) @JsonProperty("username") String username,
            @Schema(requiredMode = REQUIRED) @JsonProperty("permission") String permission) {
        Grantee grantee() {
            return new Grantee(resourceType, resourceId, username);
        }
    }

    /** The body of delete and the query of get: the resource and the user (a permission sent too is ignored). */
    public record Grantee(
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_type") String resourceType,
            @Schema(requiredMode = REQUIRED) @JsonProperty("resource_id") String resourceId,
            @Schema(requiredMode = REQUIRED) @JsonProperty("username") String username) {}

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            Grantee grantee = request.grantee();
            ResourceKind kind = kind(grantee);
            ResourceGrant grant = permissions.create(kind, resourceId(grantee), username(grantee),
                    required(request.permission(), "permission"));
            ctx.json(answer(kind, grant.resource(), grantee.username(), grant.permission()));
        }, Role.READ);
        routes.get(BASE, ctx -> {
            Grantee grantee = MlflowRequest.read(ctx, Grantee.class);
            ResourceKind kind = kind(grantee);
            ResourceGrant grant = permissions.get(kind, resourceId(grantee), username(grantee));
            ctx.json(answer(kind, grant.resource(), grantee.username(), grant.permission()));
        }, Role.READ);
        routes.patch(BASE, ctx -> {
            GrantRequest request = MlflowRequest.read(ctx, GrantRequest.class);
            Grantee grantee = request.grantee();
            permissions.update(kind(grantee), resourceId(grantee), username(grantee),
                    required(request.permission(), "permission"));
            ctx.json(Map.of());
        }, Role.READ);
        routes.delete(BASE, ctx -> {
            Grantee grantee = MlflowRequest.read(ctx, Grantee.class);
            permissions.delete(kind(grantee), resourceId(grantee), username(grantee));
            ctx.json(Map.of());
        }, Role.READ);
    }

    private static ResourceKind kind(Grantee grantee) {
        ResourceKind kind = ResourceKind.fromWire(required(grantee.resourceType(), "resource_type"));
        if (kind == null) {
            throw MlforgeException.invalidParameter("Invalid value '" + grantee.resourceType()
                    + "' for parameter 'resource_type': expected one of " + KINDS);
        }
        return kind;
    }

    private static String resourceId(Grantee grantee) {
        return required(grantee.resourceId(), "resource_id");
    }

    private static String username(Grantee grantee) {
        return required(grantee.username(), "username");
    }

    private static ResourcePermission.Response answer(ResourceKind kind, String resource, String username,
            Permission permission) {
        return new ResourcePermission.Response(new ResourcePermission(kind.wireName(), resource, username,
                permission.name()));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag permissions = ApiDoc.tag("Permissions");
        return List.of(
                permissions.post(BASE, "Grant a user a permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(GrantRequest.class).response(ResourcePermission.Response.class).also(404, "")
                        .also(429, ""),
                permissions.get(BASE, "A user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .requiredQuery("resource_type", "").requiredQuery("resource_id", "").requiredQuery("username", "")
                        .response(ResourcePermission.Response.class).also(404, "").also(429, ""),
                permissions.patch(BASE, "Change a user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(GrantRequest.class).withoutBody().status(200, "OK (an empty object)").also(404, "")
                        .also(429, ""),
                permissions.delete(BASE, "Remove a user's permission on a deployment, monitor or dataset (needs MANAGE on it)")
                        .request(Grantee.class).withoutBody().status(200, "OK (an empty object)").also(404, "")
                        .also(429, ""));
    }
}

package dev.mlforge.auth;

import dev.mlforge.store.WorkspaceContext;
import static dev.mlforge.http.MlflowRequest.required;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.auth.CurrentUser;
import dev.mlforge.api.auth.ExperimentPermission;
import dev.mlforge.api.auth.PermissionRequest;
import dev.mlforge.api.auth.RegisteredModelPermission;
import dev.mlforge.api.auth.User;
import dev.mlforge.api.auth.UserRequest;
import dev.mlforge.api.auth.UserResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * MLflow's auth API ({@code mlflow/server/auth}: users and experiment / registered model permissions) with its verbs,
 * fields and answers, so MLflow's own {@code AuthServiceClient} works against this server. Who may call each route is
 * the {@link PermissionChecker}'s table, as in MLflow's {@code BEFORE_REQUEST_VALIDATORS}.
 */
final class AuthRoutes implements Routes {
    private static final String[] PREFIXES = {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"};
    private static final String WORKSPACE = WorkspaceContext.DEFAULT;

    private final UserService users;
    private final PermissionService permissions;

    AuthRoutes(UserService users, PermissionService permissions) {
        this.users = users;
        this.permissions = permissions;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + "users/create", ctx -> {
                UserRequest request = MlflowRequest.read(ctx, UserRequest.class);
                ctx.json(new UserResponse(user(users.createUser(request.username(), request.password()))));
            }, Role.ADMIN);
            routes.get(prefix + "users/get", ctx -> ctx.json(new UserResponse(user(users.getUser(
                    required(MlflowRequest.read(ctx, UserRequest.class).username(), "username"))))), Role.READ);
            routes.get(prefix + "users/current", this::current, Role.READ);
            routes.patch(prefix + "users/update-password", this::updatePassword, Role.READ);
            routes.patch(prefix + "users/update-admin", ctx -> {
                UserRequest request = MlflowRequest.read(ctx, UserRequest.class);
                users.updateAdmin(required(request.username(), "username"), required(request.isAdmin(), "is_admin"));
                ctx.json(EmptyResponse.INSTANCE);
            }, Role.ADMIN);
            routes.delete(prefix + "users/delete", ctx -> {
                users.deleteUser(required(MlflowRequest.read(ctx, UserRequest.class).username(), "username"));
                ctx.json(EmptyResponse.INSTANCE);
            }, Role.ADMIN);
            addPermissionRoutes(routes, prefix + "experiments/permissions/", ResourceKind.EXPERIMENT);
            addPermissionRoutes(routes, prefix + "registered-models/permissions/", ResourceKind.REGISTERED_MODEL);
        }
    }

    /** Declared READ: whether the caller may manage the resource is the permission checker's decision. */
    private void addPermissionRoutes(RoutesConfig routes, String base, ResourceKind kind) {
        routes.post(base + "create", ctx -> {
            PermissionRequest request = MlflowRequest.read(ctx, PermissionRequest.class);
            ctx.json(answer(kind, permissions.create(kind, resource(kind, request), username(request),
                    required(request.permission(), "permission"))));
        }, Role.READ);
        routes.get(base + "get", ctx -> {
            PermissionRequest request = MlflowRequest.read(ctx, PermissionRequest.class);
            ctx.json(answer(kind, permissions.get(kind, resource(kind, request), username(request))));
        }, Role.READ);
        routes.patch(base + "update", ctx -> {
            PermissionRequest request = MlflowRequest.read(ctx, PermissionRequest.class);
            permissions.update(kind, resource(kind, request), username(request), required(request.permission(), "permission"));
            ctx.json(EmptyResponse.INSTANCE);
        }, Role.READ);
        routes.delete(base + "delete", ctx -> {
            PermissionRequest request = MlflowRequest.read(ctx, PermissionRequest.class);
            permissions.delete(kind, resource(kind, request), username(request));
            ctx.json(EmptyResponse.INSTANCE);
        }, Role.READ);
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag auth = ApiDoc.tag("MLflow auth");
        String users = PREFIXES[0] + "users/";
        List<ApiDoc> docs = new java.util.ArrayList<>(List.of(
                auth.post(users + "create", "Create a user").request(UserRequest.class).response(UserResponse.class),
                auth.get(users + "get", "Get a user").requiredQuery("username", "the user's name")
                        .response(UserResponse.class),
                auth.get(users + "current", "Get the signed-in user").response(CurrentUser.Response.class),
                auth.patch(users + "update-password", "Update a user's password (one's own needs current_password)")
                        .request(UserRequest.class).response(EmptyResponse.class),
                auth.patch(users + "update-admin", "Update a user's admin flag")
                        .request(UserRequest.class).response(EmptyResponse.class),
                auth.delete(users + "delete", "Delete a user").request(UserRequest.class).response(EmptyResponse.class)));
        docs.addAll(permissionDocs(auth, PREFIXES[0] + "experiments/permissions/", "an experiment",
                "experiment_id", ExperimentPermission.Response.class));
        docs.addAll(permissionDocs(auth, PREFIXES[0] + "registered-models/permissions/", "a registered model",
                "name", RegisteredModelPermission.Response.class));
        return docs;
    }

    private static List<ApiDoc> permissionDocs(ApiDoc.Tag auth, String base, String resource, String key, Class<?> answer) {
        return List.of(
                auth.post(base + "create", "Grant a user a permission on " + resource)
                        .request(PermissionRequest.class).response(answer),
                auth.get(base + "get", "Get a user's permission on " + resource)
                        .requiredQuery(key, "the resource").requiredQuery("username", "the user's name")
                        .response(answer),
                auth.patch(base + "update", "Update a user's permission on " + resource)
                        .request(PermissionRequest.class).response(EmptyResponse.class),
                auth.delete(base + "delete", "Delete a user's permission on " + resource)
                        .request(PermissionRequest.class).response(EmptyResponse.class));
    }

    private void current(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        if (!identity.authenticated()) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "No user is signed in: the server runs without authentication");
        }
        UserEntity user = users.getUser(identity.name());
        ctx.json(new CurrentUser.Response(new CurrentUser(user.id(), user.username(), user.admin())));
    }

    /** Changing one's own password re-asserts the current one (MLflow 3.11); an administrator changes anyone's without. */
    private void updatePassword(Context ctx) {
        UserRequest request = MlflowRequest.read(ctx, UserRequest.class);
        String username = required(request.username(), "username");
        String password = required(request.password(), "password");
        RequestIdentity identity = RequestIdentity.of(ctx);
        if (identity.authenticated() && identity.name().equals(username)) {
            if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
                throw MlforgeException.invalidParameter("Current password is required when changing your own password.");
            }
            try {
                users.authenticate(username, request.currentPassword());
            } catch (MlforgeException e) {
                throw MlforgeException.invalidParameter("Current password does not match.");
            }
        }
        users.updatePassword(username, password);
        ctx.json(EmptyResponse.INSTANCE);
    }

    private User user(UserEntity user) {
        List<ExperimentPermission> experiments = permissions.grantsOf(user.username(), ResourceKind.EXPERIMENT).entrySet()
                .stream().map(grant -> new ExperimentPermission(grant.getKey(), user.id(), grant.getValue().name())).toList();
        List<RegisteredModelPermission> models = permissions.grantsOf(user.username(), ResourceKind.REGISTERED_MODEL)
                .entrySet().stream().map(grant -> new RegisteredModelPermission(WORKSPACE, grant.getKey(), user.id(),
                        grant.getValue().name())).toList();
        return new User(user.id(), user.username(), user.admin(), experiments, models, List.of());
    }

    private static Object answer(ResourceKind kind, ResourceGrant grant) {
        return kind == ResourceKind.EXPERIMENT
                ? new ExperimentPermission.Response(new ExperimentPermission(grant.resource(), grant.userId(),
                        grant.permission().name()))
                : new RegisteredModelPermission.Response(new RegisteredModelPermission(WORKSPACE, grant.resource(),
                        grant.userId(), grant.permission().name()));
    }

    private static String resource(ResourceKind kind, PermissionRequest request) {
        return kind == ResourceKind.EXPERIMENT ? required(request.experimentId(), "experiment_id")
                : required(request.name(), "name");
    }

    private static String username(PermissionRequest request) {
        return required(request.username(), "username");
    }
}

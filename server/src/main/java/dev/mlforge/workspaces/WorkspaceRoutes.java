package dev.mlforge.workspaces;

import static dev.mlforge.http.MlflowRequest.required;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.workspaces.ListWorkspacePermissionsResponse;
import dev.mlforge.api.workspaces.ListWorkspacesResponse;
import dev.mlforge.api.workspaces.ServerInfo;
import dev.mlforge.api.workspaces.UpdateWorkspaceRequest;
import dev.mlforge.api.workspaces.WorkspaceInfo;
import dev.mlforge.api.workspaces.WorkspacePermission;
import dev.mlforge.api.workspaces.WorkspacePermissionResponse;
import dev.mlforge.api.workspaces.WorkspaceRequest;
import dev.mlforge.api.workspaces.WorkspaceResponse;
import dev.mlforge.auth.Permission;
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
 * MLflow 3.10's workspace API ({@code mlflow/store/workspace/rest_store.py} and the basic-auth app's workspace
 * permission routes) under {@code /api/3.0/mlflow/} and {@code /ajax-api/3.0/mlflow/}: workspaces created, changed and
 * deleted by administrators; members listed, set and removed by administrators and the workspace's managers; each
 * user sees the workspaces they are a member of, and the default one.
 */
final class WorkspaceRoutes implements Routes {
    private static final String[] PREFIXES = {"/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/"};

    private final WorkspaceService workspaces;

    WorkspaceRoutes(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    private static WorkspaceInfo wire(Workspace workspace) {
        return new WorkspaceInfo(workspace.name(), workspace.description(), workspace.createdBy(), workspace.createdAt());
    }

    private static WorkspacePermission wire(WorkspaceMember member) {
        return new WorkspacePermission(member.workspace(), member.username(), member.permission().name());
    }

    private static ListWorkspacePermissionsResponse wire(List<WorkspaceMember> members) {
        return new ListWorkspacePermissionsResponse(members.stream().map(WorkspaceRoutes::wire).toList());
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.get(prefix + "server-info", ctx -> ctx.json(new ServerInfo(true)), Role.READ);
            routes.get(prefix + "workspaces", this::list, Role.READ);
            routes.post(prefix + "workspaces", this::create, Role.ADMIN);
            String one = prefix + "workspaces/{workspace_name}";
            routes.get(one, this::get, Role.READ);
            routes.patch(one, this::update, Role.ADMIN);
            routes.delete(one, ctx -> {
                workspaces.delete(ctx.pathParam("workspace_name"));
                ctx.status(204);
            }, Role.ADMIN);
            routes.get(one + "/permissions", ctx -> ctx.json(wire(workspaces.members(managed(ctx)))), Role.READ);
            routes.post(one + "/permissions", this::setMember, Role.READ);
            routes.delete(one + "/permissions", this::removeMember, Role.READ);
            routes.get(prefix + "workspace-permissions", ctx -> ctx.json(wire(workspaces.memberships(RequestIdentity.of(ctx)
                    .name()))), Role.READ);
        }
    }

    private void list(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        ctx.json(new ListWorkspacesResponse(workspaces.list().stream().filter(workspace -> sees(identity, workspace.name()))
                .map(WorkspaceRoutes::wire).toList()));
    }

    private void create(Context ctx) {
        WorkspaceRequest request = MlflowRequest.read(ctx, WorkspaceRequest.class);
        RequestIdentity identity = RequestIdentity.of(ctx);
        Workspace created = workspaces.create(required(request.name(), "name"), request.description(),
                identity.authenticated() ? identity.name() : null);
        ctx.status(201).json(new WorkspaceResponse(wire(created)));
    }

    private void get(Context ctx) {
        String name = ctx.pathParam("workspace_name");
        Workspace workspace = workspaces.get(name);
        if (!sees(RequestIdentity.of(ctx), name)) {
            throw notMember(RequestIdentity.of(ctx), name);
        }
        ctx.json(new WorkspaceResponse(wire(workspace)));
    }

    private void update(Context ctx) {
        UpdateWorkspaceRequest request = MlflowRequest.read(ctx, UpdateWorkspaceRequest.class);
        ctx.json(new WorkspaceResponse(wire(workspaces.update(ctx.pathParam("workspace_name"), request.description()))));
    }

    private void setMember(Context ctx) {
        String workspace = managed(ctx);
        WorkspacePermission request = MlflowRequest.read(ctx, WorkspacePermission.class);
        WorkspaceMember member = workspaces.setMember(workspace, required(request.username(), "username"),
                required(request.permission(), "permission"));
        ctx.json(new WorkspacePermissionResponse(wire(member)));
    }

    private void removeMember(Context ctx) {
        String workspace = managed(ctx);
        // MLflow reads a DELETE's parameters from its JSON body, else from the query string
        String username = ctx.contentLength() > 0 ? MlflowRequest.read(ctx, WorkspacePermission.class).username()
                : ctx.queryParam("username");
        workspaces.removeMember(workspace, required(username, "username"));
        ctx.json(EmptyResponse.INSTANCE);
    }

    /** The workspace of the route, once the caller is found to manage it (an administrator, or a MANAGE member). */
    private String managed(Context ctx) {
        String workspace = ctx.pathParam("workspace_name");
        workspaces.get(workspace);
        RequestIdentity identity = RequestIdentity.of(ctx);
        if (!admin(identity) && workspaces.membership(workspace, identity.name()).orElse(Permission.NO_PERMISSIONS) != Permission.MANAGE) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                    + "' may not manage the members of workspace '" + workspace + "'");
        }
        return workspace;
    }

    /** Administrators (and everyone with authentication off) see every workspace; others the default and their own. */
    private boolean sees(RequestIdentity identity, String workspace) {
        return admin(identity) || WorkspaceService.DEFAULT.equals(workspace)
                || workspaces.membership(workspace, identity.name()).isPresent();
    }

    private static boolean admin(RequestIdentity identity) {
        return identity.role() == Role.ADMIN;
    }

    private static MlforgeException notMember(RequestIdentity identity, String workspace) {
        return new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                + "' is not a member of workspace '" + workspace + "'");
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag workspaces = ApiDoc.tag("Workspaces");
        String prefix = PREFIXES[0];
        String one = prefix + "workspaces/{workspace_name}";
        return List.of(
                workspaces.get(prefix + "server-info", "MLflow 3.10: what the server supports (workspaces_enabled)")
                        .response(ServerInfo.class),
                workspaces.get(prefix + "workspaces", "Workspaces the caller sees: all for an administrator, else the "
                        + "default one and those they are a member of").response(ListWorkspacesResponse.class),
                workspaces.post(prefix + "workspaces", "Create a workspace (administrators)")
                        .request(WorkspaceRequest.class).response(WorkspaceResponse.class).status(201, "Created"),
                workspaces.get(one, "One workspace (administrators, its members; everyone for the default one)")
                        .response(WorkspaceResponse.class),
                workspaces.patch(one, "Change a workspace's description (administrators)")
                        .request(UpdateWorkspaceRequest.class).response(WorkspaceResponse.class),
                workspaces.delete(one, "Delete an empty workspace (administrators; never the default one)")
                        .withoutBody().status(204, "Deleted, no body"),
                workspaces.get(one + "/permissions", "The members of a workspace and their permissions "
                        + "(administrators, its MANAGE members)").response(ListWorkspacePermissionsResponse.class),
                workspaces.post(one + "/permissions", "Set a user's permission in a workspace (administrators, its "
                        + "MANAGE members)").request(WorkspacePermission.class).response(WorkspacePermissionResponse.class),
                workspaces.delete(one + "/permissions", "Remove a user from a workspace (administrators, its MANAGE "
                        + "members); username in the query or body").query("username", "the member to remove")
                        .response(EmptyResponse.class),
                workspaces.get(prefix + "workspace-permissions", "The caller's workspace memberships")
                        .response(ListWorkspacePermissionsResponse.class));
    }
}

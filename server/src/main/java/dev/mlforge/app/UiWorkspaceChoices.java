package dev.mlforge.app;

import dev.mlforge.auth.ResourceKind;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.ui.UiWorkspaces;
import dev.mlforge.ui.Visibility;
import dev.mlforge.workspaces.Workspace;
import dev.mlforge.workspaces.WorkspaceMember;
import dev.mlforge.workspaces.WorkspaceService;
import java.util.ArrayList;
import java.util.List;

/**
 * The UI's workspaces from the workspaces feature: administrators (and everybody without authentication) pick any
 * workspace, a user {@code default} and those they are a member of, as {@code GET /api/3.0/mlflow/workspaces} lists them.
 */
final class UiWorkspaceChoices implements UiWorkspaces {
    private final WorkspaceService workspaces;

    UiWorkspaceChoices(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public List<String> choices(RequestIdentity identity) {
        List<String> names = new ArrayList<>(List.of(WorkspaceService.DEFAULT));
        List<String> others = !identity.authenticated() || identity.role() == Role.ADMIN
                ? workspaces.list().stream().map(Workspace::name).toList()
                : workspaces.memberships(identity.name()).stream().map(WorkspaceMember::workspace).toList();
        others.stream().filter(name -> !name.equals(WorkspaceService.DEFAULT)).forEach(names::add);
        return names;
    }

    @Override
    public boolean holds(String workspace, Visibility.Kind kind, String id) {
        return workspaces.holds(workspace, ResourceKind.valueOf(kind.name()), id);
    }

    @Override
    public void enter(String workspace) {
        workspaces.enter(workspace);
    }
}

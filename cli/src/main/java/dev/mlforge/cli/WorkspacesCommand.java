package dev.mlforge.cli;

import dev.mlforge.api.workspaces.ListWorkspacePermissionsResponse;
import dev.mlforge.api.workspaces.ListWorkspacesResponse;
import dev.mlforge.api.workspaces.WorkspaceInfo;
import dev.mlforge.api.workspaces.WorkspacePermission;
import dev.mlforge.api.workspaces.WorkspacePermissionResponse;
import dev.mlforge.api.workspaces.WorkspaceResponse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge workspaces list|create|members|set-member|remove-member}: MLflow 3.10's workspaces and their members. */
@Command(name = "workspaces", mixinStandardHelpOptions = true,
        description = "List and create workspaces, and manage their members.")
final class WorkspacesCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspaces you see.")
    int list(@Mixin ClientOptions options) {
        List<WorkspaceInfo> workspaces = options.client().workspaces().list();
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new ListWorkspacesResponse(workspaces));
            return 0;
        }
        Table table = new Table("NAME", "DESCRIPTION", "CREATED BY", "CREATED");
        workspaces.forEach(w -> table.row(w.name(), w.description() == null ? "" : w.description(),
                w.createdBy() == null ? "" : w.createdBy(), w.createdAt() == null || w.createdAt() == 0 ? "" : Table.time(w.createdAt())));
        table.print(out);
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace (administrators).")
    int create(@Mixin ClientOptions options,
            @Parameters(paramLabel = "NAME", description = "2 to 63 lowercase letters, digits and single dashes.") String name,
            @Option(names = "--description", paramLabel = "TEXT", description = "What the workspace is for.") String description) {
        WorkspaceInfo created = options.client().workspaces().create(name, description);
        print(options, new WorkspaceResponse(created), "Created workspace " + created.name());
        return 0;
    }

    @Command(name = "members", mixinStandardHelpOptions = true,
            description = "List a workspace's members (administrators, the workspace's MANAGE members).")
    int members(@Mixin ClientOptions options, @Parameters(paramLabel = "WORKSPACE", description = "The workspace.") String workspace) {
        List<WorkspacePermission> members = options.client().workspaces().members(workspace);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new ListWorkspacePermissionsResponse(members));
            return 0;
        }
        Table table = new Table("USER", "PERMISSION");
        members.forEach(member -> table.row(member.username(), member.permission()));
        table.print(out);
        return 0;
    }

    @Command(name = "set-member", mixinStandardHelpOptions = true,
            description = "Give a user a permission in a workspace (READ, USE, EDIT, MANAGE, NO_PERMISSIONS).")
    int setMember(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "WORKSPACE", description = "The workspace.") String workspace,
            @Parameters(index = "1", paramLabel = "USER", description = "The user.") String username,
            @Parameters(index = "2", paramLabel = "PERMISSION", description = "READ, USE, EDIT, MANAGE or NO_PERMISSIONS.")
            String permission) {
        WorkspacePermission member = options.client().workspaces().setMember(workspace, username, permission);
        print(options, new WorkspacePermissionResponse(member), username + " holds " + member.permission() + " in " + workspace);
        return 0;
    }

    @Command(name = "remove-member", mixinStandardHelpOptions = true, description = "Remove a user from a workspace.")
    int removeMember(@Mixin ClientOptions options,
            @Parameters(index = "0", paramLabel = "WORKSPACE", description = "The workspace.") String workspace,
            @Parameters(index = "1", paramLabel = "USER", description = "The user.") String username) {
        options.client().workspaces().removeMember(workspace, username);
        print(options, Map.of(), "Removed " + username + " from " + workspace);
        return 0;
    }

    private void print(ClientOptions options, Object answer, String line) {
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, answer);
        } else {
            out.println(line);
            out.flush();
        }
    }
}

package dev.mlforge.workspaces;

import dev.mlforge.auth.Permission;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link WorkspaceStore} through Jdbi on the V17 tables and the {@code workspace} column V17 and V35 added to each
 * top-level resource's table ({@link Scoped}), the same SQL on SQLite and PostgreSQL.
 */
final class JdbiWorkspaceStore implements WorkspaceStore {
    private final Database database;

    JdbiWorkspaceStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean create(Workspace workspace) {
        return database.write(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM workspaces WHERE name = :n").bind("n", workspace.name())
                    .mapTo(Long.class).one() > 0) {
                return false;
            }
            handle.createUpdate("INSERT INTO workspaces (name, description, created_by, created_at) VALUES (:n, :d, :b, :t)")
                    .bind("n", workspace.name()).bind("d", workspace.description()).bind("b", workspace.createdBy())
                    .bind("t", workspace.createdAt()).execute();
            return true;
        });
    }

    @Override
    public Optional<Workspace> find(String name) {
        return database.read(handle -> handle.createQuery("SELECT * FROM workspaces WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> workspace(rs)).findOne());
    }

    @Override
    public List<Workspace> list() {
        return database.read(handle -> handle.createQuery("SELECT * FROM workspaces ORDER BY name")
                .map((rs, ctx) -> workspace(rs)).list());
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString("name"), rs.getString("description"), rs.getString("created_by"), rs.getLong("created_at"));
    }

    @Override
    public boolean updateDescription(String name, String description) {
        return database.write(handle -> handle.createUpdate("UPDATE workspaces SET description = :d WHERE name = :n")
                .bind("d", description).bind("n", name).execute() > 0);
    }

    @Override
    public boolean delete(String name) {
        return database.write(handle -> {
            handle.createUpdate("DELETE FROM workspace_members WHERE workspace = :n").bind("n", name).execute();
            return handle.createUpdate("DELETE FROM workspaces WHERE name = :n").bind("n", name).execute() > 0;
        });
    }

    @Override
    public boolean holdsResources(String name) {
        return database.read(handle -> Arrays.stream(Scoped.values()).filter(kind -> kind.assignable).anyMatch(kind -> handle
                .createQuery("SELECT COUNT(*) FROM " + kind.from + " WHERE workspace = :n").bind("n", name).mapTo(Long.class)
                .one() > 0));
    }

    @Override
    public void putMember(WorkspaceMember member) {
        database.write(handle -> {
            handle.createUpdate("DELETE FROM workspace_members WHERE workspace = :w AND username = :u")
                    .bind("w", member.workspace()).bind("u", member.username()).execute();
            return handle.createUpdate("INSERT INTO workspace_members (workspace, username, permission) VALUES (:w, :u, :p)")
                    .bind("w", member.workspace()).bind("u", member.username()).bind("p", member.permission().name()).execute();
        });
    }

    @Override
    public Optional<Permission> findMember(String workspace, String username) {
        return database.read(handle -> handle.createQuery(
                "SELECT permission FROM workspace_members WHERE workspace = :w AND username = :u")
                .bind("w", workspace).bind("u", username).mapTo(String.class).findOne().map(Permission::valueOf));
    }

    @Override
    public List<WorkspaceMember> members(String workspace) {
        return database.read(handle -> handle.createQuery("SELECT * FROM workspace_members WHERE workspace = :w ORDER BY username")
                .bind("w", workspace).map((rs, ctx) -> member(rs)).list());
    }

    @Override
    public List<WorkspaceMember> memberships(String username) {
        return database.read(handle -> handle.createQuery("SELECT * FROM workspace_members WHERE username = :u ORDER BY workspace")
                .bind("u", username).map((rs, ctx) -> member(rs)).list());
    }

    private static WorkspaceMember member(ResultSet rs) throws SQLException {
        return new WorkspaceMember(rs.getString("workspace"), rs.getString("username"), Permission.valueOf(rs.getString("permission")));
    }

    @Override
    public boolean deleteMember(String workspace, String username) {
        return database.write(handle -> handle.createUpdate("DELETE FROM workspace_members WHERE workspace = :w AND username = :u")
                .bind("w", workspace).bind("u", username).execute() > 0);
    }

    @Override
    public Optional<String> workspaceOf(Scoped kind, String resource) {
        if (!validKey(kind, resource)) {
            return Optional.empty();
        }
        if (kind == Scoped.REGISTERED_MODEL) {
            // names are unique per workspace: a name means the current workspace's model, if there is one
            String current = database.workspace().current();
            return database.read(handle -> handle.createQuery("SELECT workspace FROM registered_models "
                    + "WHERE workspace = :current AND name = :k").bind("current", current).bind("k", resource)
                    .mapTo(String.class).findFirst());
        }
        return database.read(handle -> bindKey(handle.createQuery("SELECT " + kind.column + " FROM " + kind.from + " WHERE "
                + kind.key + " = :k"), kind, resource).mapTo(String.class).findFirst());
    }

    @Override
    public void assign(Scoped kind, String resource, String workspace) {
        if (!kind.assignable || !validKey(kind, resource)) {
            return;
        }
        database.write(handle -> bindKey(handle.createUpdate("UPDATE " + kind.from + " SET workspace = :w WHERE "
                + kind.key + " = :k"), kind, resource).bind("w", workspace).execute());
    }

    /** Experiment ids are integers in the store: anything else names no experiment. */
    private static boolean validKey(Scoped kind, String resource) {
        return resource != null && (kind != Scoped.EXPERIMENT || resource.matches("\\d{1,18}"));
    }

    private static <S extends SqlStatement<S>> S bindKey(S statement, Scoped kind, String resource) {
        return kind == Scoped.EXPERIMENT ? statement.bind("k", Long.parseLong(resource)) : statement.bind("k", resource);
    }
}

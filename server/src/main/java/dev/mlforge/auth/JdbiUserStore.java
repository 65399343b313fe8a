package dev.mlforge.auth;

import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link UserStore} through Jdbi on the V11 tables ({@code auth_*}), the same SQL on SQLite and PostgreSQL. */
final class JdbiUserStore implements UserStore {
    private static final String TOKEN_COLUMNS = "t.id, t.user_id, u.username, t.name, t.created_at, t.expires_at, "
            + "t.revoked_at, t.last_used_at FROM auth_api_tokens t JOIN auth_users u ON u.id = t.user_id";

    private final Database database;

    JdbiUserStore(Database database) {
        this.database = database;
    }

    @Override
    public long countAdmins() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM auth_users WHERE is_admin = :admin")
                .bind("admin", true).mapTo(Long.class).one());
    }

    @Override
    public UserEntity createUser(String username, String passwordHash, boolean admin) {
        return database.write(handle -> {
            long id = handle.createUpdate("INSERT INTO auth_users (username, password_hash, is_admin) VALUES (:u, :h, :a)")
                    .bind("u", username).bind("h", passwordHash).bind("a", admin)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new UserEntity(id, username, passwordHash, admin);
        });
    }

    @Override
    public Optional<UserEntity> findUser(String username) {
        return database.read(handle -> handle.createQuery("SELECT * FROM auth_users WHERE username = :u")
                .bind("u", username).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public Optional<UserEntity> findUser(long id) {
        return database.read(handle -> handle.createQuery("SELECT * FROM auth_users WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> user(rs)).findOne());
    }

    private static UserEntity user(ResultSet rs) throws SQLException {
        return new UserEntity(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("is_admin"));
    }

    @Override
    public void updatePassword(String username, String passwordHash) {
        database.write(handle -> handle.createUpdate("UPDATE auth_users SET password_hash = :h WHERE username = :u")
                .bind("h", passwordHash).bind("u", username).execute());
    }

    @Override
    public void updateAdmin(String username, boolean admin) {
        database.write(handle -> handle.createUpdate("UPDATE auth_users SET is_admin = :a WHERE username = :u")
                .bind("a", admin).bind("u", username).execute());
    }

    @Override
    public void deleteUser(String username) {
        database.write(handle -> {
            Optional<Long> id = handle.createQuery("SELECT id FROM auth_users WHERE username = :u").bind("u", username)
                    .mapTo(Long.class).findOne();
            id.ifPresent(userId -> {
                for (String table : List.of("auth_api_tokens", "auth_experiment_permissions", "auth_registered_model_permissions")) {
                    handle.createUpdate("DELETE FROM " + table + " WHERE user_id = :id").bind("id", userId).execute();
                }
                handle.createUpdate("DELETE FROM auth_users WHERE id = :id").bind("id", userId).execute();
            });
            return null;
        });
    }

    @Override
    public void createToken(ApiTokenEntity token, String secretHash) {
        database.write(handle -> handle.createUpdate("INSERT INTO auth_api_tokens (id, user_id, secret_hash, name, created_at, "
                        + "expires_at) VALUES (:id, :user, :hash, :name, :created, :expires)")
                .bind("id", token.id()).bind("user", token.userId()).bind("hash", secretHash).bind("name", token.name())
                .bind("created", token.createdAt()).bind("expires", token.expiresAt()).execute());
    }

    @Override
    public Optional<ApiTokenEntity> findTokenBySecretHash(String secretHash) {
        return database.read(handle -> handle.createQuery("SELECT " + TOKEN_COLUMNS + " WHERE t.secret_hash = :hash")
                .bind("hash", secretHash).map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public Optional<ApiTokenEntity> findToken(String id) {
        return database.read(handle -> handle.createQuery("SELECT " + TOKEN_COLUMNS + " WHERE t.id = :id")
                .bind("id", id).map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public List<ApiTokenEntity> tokensOf(long userId) {
        return database.read(handle -> handle.createQuery("SELECT " + TOKEN_COLUMNS + " WHERE t.user_id = :user ORDER BY t.created_at, t.id")
                .bind("user", userId).map((rs, ctx) -> token(rs)).list());
    }

    private static ApiTokenEntity token(ResultSet rs) throws SQLException {
        return new ApiTokenEntity(rs.getString("id"), rs.getLong("user_id"), rs.getString("username"), rs.getString("name"),
                rs.getLong("created_at"), nullableLong(rs, "expires_at"), nullableLong(rs, "revoked_at"),
                nullableLong(rs, "last_used_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public void revokeToken(String id, long at) {
        database.write(handle -> handle.createUpdate("UPDATE auth_api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at).bind("id", id).execute());
    }

    @Override
    public void touchToken(String id, long at) {
        database.write(handle -> handle.createUpdate("UPDATE auth_api_tokens SET last_used_at = :at WHERE id = :id")
                .bind("at", at).bind("id", id).execute());
    }

    @Override
    public boolean createGrant(ResourceKind kind, ResourceGrant grant) {
        return database.write(handle -> {
            if (grant(handle, kind, grant.resource(), grant.userId()).isPresent()) {
                return false;
            }
            insert(handle, kind, grant);
            return true;
        });
    }

    @Override
    public void putGrant(ResourceKind kind, ResourceGrant grant) {
        database.write(handle -> {
            handle.createUpdate("DELETE FROM " + kind.table + " WHERE " + kind.column + " = :r AND user_id = :u")
                    .bind("r", grant.resource()).bind("u", grant.userId()).execute();
            insert(handle, kind, grant);
            return null;
        });
    }

    private static void insert(Handle handle, ResourceKind kind, ResourceGrant grant) {
        handle.createUpdate("INSERT INTO " + kind.table + " (" + kind.column + ", user_id, permission) VALUES (:r, :u, :p)")
                .bind("r", grant.resource()).bind("u", grant.userId()).bind("p", grant.permission().name()).execute();
    }

    @Override
    public Optional<ResourceGrant> findGrant(ResourceKind kind, String resource, long userId) {
        return database.read(handle -> grant(handle, kind, resource, userId));
    }

    private static Optional<ResourceGrant> grant(Handle handle, ResourceKind kind, String resource, long userId) {
        return handle.createQuery("SELECT permission FROM " + kind.table + " WHERE " + kind.column + " = :r AND user_id = :u")
                .bind("r", resource).bind("u", userId).mapTo(String.class).findOne()
                .map(permission -> new ResourceGrant(resource, userId, Permission.valueOf(permission)));
    }

    @Override
    public boolean updateGrant(ResourceKind kind, ResourceGrant grant) {
        return database.write(handle -> handle.createUpdate("UPDATE " + kind.table + " SET permission = :p WHERE "
                        + kind.column + " = :r AND user_id = :u")
                .bind("p", grant.permission().name()).bind("r", grant.resource()).bind("u", grant.userId()).execute() > 0);
    }

    @Override
    public boolean deleteGrant(ResourceKind kind, String resource, long userId) {
        return database.write(handle -> handle.createUpdate("DELETE FROM " + kind.table + " WHERE " + kind.column
                + " = :r AND user_id = :u").bind("r", resource).bind("u", userId).execute() > 0);
    }

    @Override
    public List<ResourceGrant> grantsOf(ResourceKind kind, long userId) {
        return database.read(handle -> handle.createQuery("SELECT " + kind.column + " AS resource, permission FROM "
                        + kind.table + " WHERE user_id = :u ORDER BY " + kind.column)
                .bind("u", userId).map((rs, ctx) -> new ResourceGrant(rs.getString("resource"), userId,
                        Permission.valueOf(rs.getString("permission")))).list());
    }

    @Override
    public void renameResource(ResourceKind kind, String from, String to) {
        database.write(handle -> handle.createUpdate("UPDATE " + kind.table + " SET " + kind.column + " = :to WHERE "
                + kind.column + " = :from").bind("to", to).bind("from", from).execute());
    }

    @Override
    public void deleteResourceGrants(ResourceKind kind, String resource) {
        database.write(handle -> handle.createUpdate("DELETE FROM " + kind.table + " WHERE " + kind.column + " = :r")
                .bind("r", resource).execute());
    }

    @Override
    public boolean hasGrants(ResourceKind kind, String resource) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM " + kind.table + " WHERE " + kind.column + " = :r")
                .bind("r", resource).mapTo(Long.class).one() > 0);
    }
}

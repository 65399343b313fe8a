package dev.mlforge.auth;

/**
 * A user of the store. The password hash never leaves the auth package's store and service.
 *
 * @param id           numeric id (MLflow's {@code user.id})
 * @param username     unique name
 * @param passwordHash Argon2id PHC string
 * @param admin        administrators bypass every permission check
 */
public record UserEntity(long id, String username, String passwordHash, boolean admin) {
    @Override
    public String toString() {
        return "UserEntity[id=" + id + ", username=" + username + ", admin=" + admin + "]";
    }
}

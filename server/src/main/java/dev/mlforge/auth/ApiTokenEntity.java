package dev.mlforge.auth;

/**
 * An API token as stored: its secret is kept only as a SHA-256 hash, so the store can check a token but never show it.
 *
 * @param id         public id, used to list and revoke
 * @param userId     owner
 * @param username   owner's name
 * @param name       what the owner called it
 * @param createdAt  epoch ms
 * @param expiresAt  epoch ms, or null for no expiry
 * @param revokedAt  epoch ms, or null while valid
 * @param lastUsedAt epoch ms of the last use (updated at most once a minute), or null
 */
public record ApiTokenEntity(String id, long userId, String username, String name, long createdAt, Long expiresAt,
        Long revokedAt, Long lastUsedAt) {

    /** True while not revoked and not past its expiry at {@code now}. */
    public boolean validAt(long now) {
        return revokedAt == null && (expiresAt == null || now < expiresAt);
    }
}

package dev.mlforge.auth;

import java.util.List;
import java.util.Optional;

/** Persistence of users, API tokens and per-resource grants. */
public interface UserStore {
    long countAdmins();

    UserEntity createUser(String username, String passwordHash, boolean admin);

    Optional<UserEntity> findUser(String username);

    Optional<UserEntity> findUser(long id);

    void updatePassword(String username, String passwordHash);

    void updateAdmin(String username, boolean admin);

    void deleteUser(String username);

    void createToken(ApiTokenEntity token, String secretHash);

    Optional<ApiTokenEntity> findTokenBySecretHash(String secretHash);

    Optional<ApiTokenEntity> findToken(String id);

    List<ApiTokenEntity> tokensOf(long userId);

    void revokeToken(String id, long at);

    void touchToken(String id, long at);

    /** Inserts the grant; RESOURCE_ALREADY_EXISTS when the user already has one on the resource. */
    boolean createGrant(ResourceKind kind, ResourceGrant grant);

    /** Inserts or replaces the grant (the creator's MANAGE). */
    void putGrant(ResourceKind kind, ResourceGrant grant);

    Optional<ResourceGrant> findGrant(ResourceKind kind, String resource, long userId);

    /** Updates an existing grant; false when there is none. */
    boolean updateGrant(ResourceKind kind, ResourceGrant grant);

    boolean deleteGrant(ResourceKind kind, String resource, long userId);

    List<ResourceGrant> grantsOf(ResourceKind kind, long userId);

    void renameResource(ResourceKind kind, String from, String to);

    void deleteResourceGrants(ResourceKind kind, String resource);

    /** True when anyone holds a grant on the resource (it has an owner). */
    boolean hasGrants(ResourceKind kind, String resource);
}

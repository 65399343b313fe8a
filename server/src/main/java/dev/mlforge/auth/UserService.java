package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.config.ConfigException;
import dev.mlforge.http.MlforgeException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and their passwords, as MLflow's auth store keeps them: create, read, change password or admin flag, delete, and
 * check a name and password. A successful check is remembered (keyed by the name and a SHA-256 of the password, never
 * the password) so that Argon2id runs once per credential rather than once per request; every change to a user, here
 * or on another server sharing the store ({@link AuthChanges}), forgets what was remembered about users.
 */
public final class UserService {
    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final UserStore store;
    private final PasswordHasher hasher;
    /** name + NUL + SHA-256(password) -> user id, for credentials that verified. */
    private final Cache<String, Long> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final Cache<Long, Optional<UserEntity>> byId = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private final Cache<String, Long> idByName = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private final AuthChanges changes;

    UserService(UserStore store, PasswordHasher hasher, AuthChanges changes) {
        this.store = store;
        this.hasher = hasher;
        this.changes = changes;
        changes.onIdentitiesChanged(() -> {
            verified.invalidateAll();
            byId.invalidateAll();
            idByName.invalidateAll();
        });
    }

    /**
     * Creates the administrator named by {@code admin-username}/{@code admin-password} when the store has no user of
     * that name (as MLflow's {@code create_admin_user}); without those settings and without any administrator in the
     * store, an authenticating server could never be administered, so it does not start.
     */
    void ensureFirstAdmin(AuthSettings settings) {
        if (!settings.mode().authenticates()) {
            return;
        }
        if (settings.adminUsername() != null && settings.adminPassword() != null) {
            if (store.findUser(settings.adminUsername()).isEmpty()) {
                store.createUser(settings.adminUsername(), hasher.hash(settings.adminPassword()), true);
                log.info("Created administrator '{}' from MLFORGE_ADMIN_USERNAME; change its password with PATCH "
                        + "/api/2.0/mlflow/users/update-password", settings.adminUsername());
            }
            return;
        }
        if (store.countAdmins() == 0) {
            throw new ConfigException("auth.mode=" + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + " needs an "
                    + "administrator and the store has none: set MLFORGE_ADMIN_USERNAME and MLFORGE_ADMIN_PASSWORD "
                    + "(keys admin-username, admin-password) for the first start; there is no default password");
        }
    }

    public UserEntity createUser(String username, String password) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw MlforgeException.invalidParameter("Username and password cannot be empty.");
        }
        if (store.findUser(username).isPresent()) {
            throw MlforgeException.alreadyExists("User (username=" + username + ") already exists.");
        }
        return store.createUser(username, hasher.hash(password), false);
    }

    public UserEntity getUser(String username) {
        return store.findUser(username).orElseThrow(() ->
                MlforgeException.notFound("User with username=" + username + " not found"));
    }

    /** The id of the user named {@code username} (cached; an unknown name is RESOURCE_DOES_NOT_EXIST). */
    long userId(String username) {
        Long id = idByName.get(username, name -> store.findUser(name).map(UserEntity::id).orElse(null));
        if (id == null) {
            throw MlforgeException.notFound("User with username=" + username + " not found");
        }
        return id;
    }

    /**
     * The store's user for an identity an OIDC issuer vouched for, created on first sight with no usable password (so
     * grants can name it) and the existing user when one has the name.
     */
    UserEntity externalUser(String username) {
        Long id = idByName.getIfPresent(username);
        Optional<UserEntity> known = id == null ? Optional.empty() : findUser(id);
        if (known.isPresent()) {
            return known.get();
        }
        UserEntity user = store.findUser(username).orElseGet(() -> {
            try {
                return store.createUser(username, EXTERNAL_PASSWORD, false);
            } catch (RuntimeException concurrentCreate) {
                return store.findUser(username).orElseThrow(() -> concurrentCreate);
            }
        });
        idByName.put(username, user.id());
        byId.put(user.id(), Optional.of(user));
        return user;
    }

    /** The user named {@code username}, through the same short-lived caches as {@link #findUser(long)}. */
    Optional<UserEntity> findUser(String username) {
        Long id = idByName.get(username, name -> store.findUser(name).map(UserEntity::id).orElse(null));
        return id == null ? Optional.empty() : findUser(id);
    }

    /** Not an Argon2id hash: no password verifies against it. */
    private static final String EXTERNAL_PASSWORD = "!external";

    /** The user with this id, from a short-lived cache (tokens name their owner by id). */
    Optional<UserEntity> findUser(long id) {
        return byId.get(id, store::findUser);
    }

    public void updatePassword(String username, String password) {
        UserEntity user = getUser(username);
        if (password == null || password.isEmpty()) {
            throw MlforgeException.invalidParameter("Password cannot be empty.");
        }
        store.updatePassword(username, hasher.hash(password));
        forget(user);
    }

    public void updateAdmin(String username, boolean admin) {
        UserEntity user = getUser(username);
        store.updateAdmin(username, admin);
        forget(user);
    }

    public void deleteUser(String username) {
        UserEntity user = getUser(username);
        store.deleteUser(username);
        forget(user);
        changes.changed(AuthChanges.Kind.GRANTS); // the user's grants went with it
    }

    /**
     * The user whose password this is, or UNAUTHENTICATED; remembered checks skip Argon2id. When a check is not (or no
     * longer) remembered, requests sent together with the same credentials wait for one Argon2id check instead of each
     * making its own: a client's parallel requests otherwise cost one hash each every time the check expires.
     */
    UserEntity authenticate(String username, String password) {
        String key = username + '\0' + Sha256.hex(password);
        Long id = verified.getIfPresent(key);
        if (id != null) {
            Optional<UserEntity> user = findUser(id);
            if (user.isPresent() && user.get().username().equals(username)) {
                return user.get();
            }
            verified.invalidate(key); // its user is gone or renamed: check against the store again
        }
        // the cache holds the computation per key: other credentials wait only if they share its hash bin, rarely
        long checked = verified.get(key, unused -> verifyStored(username, password));
        return findUser(checked).filter(user -> user.username().equals(username)).orElseThrow(UserService::invalidCredentials);
    }

    /** Checks the password against the store's hash; the user's id, or UNAUTHENTICATED. */
    private long verifyStored(String username, String password) {
        Optional<UserEntity> user = store.findUser(username);
        // An unknown name still costs one hash, so that response times do not tell which names exist.
        boolean matches = hasher.verify(password, user.map(UserEntity::passwordHash).orElse(DUMMY_HASH));
        if (user.isEmpty() || !matches) {
            throw invalidCredentials();
        }
        byId.put(user.get().id(), user);
        return user.get().id();
    }

    private static MlforgeException invalidCredentials() {
        return new MlforgeException(ErrorCode.UNAUTHENTICATED, "Invalid user name or password");
    }

    /** Forgets remembered checks and lookups of users, here and on the other servers, after any change to one. */
    private void forget(UserEntity user) {
        changes.changed(AuthChanges.Kind.IDENTITIES);
    }

    /** A valid hash of a password nobody has, with the same parameters as real ones. */
    private static final String DUMMY_HASH = PasswordHasher.owaspDefaults(new java.security.SecureRandom())
            .hash("no user has this password");
}

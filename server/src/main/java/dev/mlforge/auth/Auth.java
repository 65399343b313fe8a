package dev.mlforge.auth;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Identities and permissions assembled: in {@code none} mode every caller is the anonymous identity and routes'
 * roles decide (as before); otherwise the store's users and tokens (and in {@code oidc} mode OIDC bearer tokens)
 * authenticate and the permission checker admits, after each caller's write rate ({@link RateLimit}) is checked: with
 * no authentication there is one anonymous caller, so no rate per identity to keep.
 * Building it creates the first administrator when the store has none, or refuses to start without one.
 */
public final class Auth implements Feature {
    private final AuthSettings settings;
    private final UserService users;
    private final TokenService tokens;
    private final PermissionService permissions;
    private final Authenticator authenticator;
    private final AccessPolicy policy;

    public Auth(AuthSettings settings, ConfigValues values, Database database, ResourceLocator locator,
            WorkspaceAccess workspaces, Clock clock, SecureRandom random) {
        this.settings = settings;
        UserStore store = new JdbiUserStore(database);
        this.users = new UserService(store, PasswordHasher.owaspDefaults(random));
        this.tokens = new TokenService(store, clock, random);
        this.permissions = new PermissionService(store, users, settings.defaultPermission(), workspaces);
        users.ensureFirstAdmin(settings);
        if (settings.mode().authenticates()) {
            OidcVerifier oidc = settings.mode() == AuthMode.OIDC ? new OidcVerifier(OidcSettings.from(values), clock) : null;
            this.authenticator = new StoreAuthenticator(users, tokens, new Roles(settings.defaultPermission()), oidc);
            RateLimit limit = RateLimit.from(values);
            PermissionChecker checker = new PermissionChecker(permissions, locator);
            this.policy = limit.enabled() ? new RateLimitedPolicy(checker, limit, clock) : checker;
        } else {
            this.authenticator = Authenticator.none();
            this.policy = AccessPolicy.roles();
        }
    }

    public AuthSettings settings() {
        return settings;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public UserService users() {
        return users;
    }

    public PermissionService permissions() {
        return permissions;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new AuthRoutes(users, permissions), new TokenRoutes(users, tokens), new PlatformPermissionRoutes(permissions));
    }
}

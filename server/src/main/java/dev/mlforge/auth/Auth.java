package dev.mlforge.auth;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Identities and permissions assembled: in {@code none} mode every caller is the anonymous identity and routes'
 * roles decide (as before); otherwise the store's users and tokens (and in {@code oidc} mode OIDC bearer tokens)
 * authenticate and the permission checker admits, after each caller's write rate ({@link RateLimit}) is checked: with
 * no authentication there is one anonymous caller, so no rate per identity to keep.
 * Building it creates the first administrator when the store has none, or refuses to start without one. With
 * several servers on one PostgreSQL store ({@code clusterPoll} set), each tells the others of its changes of users,
 * tokens and grants, and reads theirs every {@code clusterPoll}, so that their caches forget what changed.
 */
public final class Auth implements Feature {
    private final AuthSettings settings;
    private final UserService users;
    private final TokenService tokens;
    private final PermissionService permissions;
    private final Authenticator authenticator;
    private final AccessPolicy policy;
    private final BrowserSignIn signIn;
    private final AuthChanges.ChangeFeed changeFeed;

    /** {@code clusterPoll} is null when the server is alone on its store. */
    public Auth(AuthSettings settings, ConfigValues values, Database database, ResourceLocator locator,
            WorkspaceAccess workspaces, Clock clock, SecureRandom random, Duration clusterPoll) {
        this.settings = settings;
        UserStore store = new JdbiUserStore(database);
        AuthChanges changes = new AuthChanges();
        this.changeFeed = clusterPoll == null ? AuthChanges.ChangeFeed.NONE : new JdbiAuthChangeFeed(database, changes, clusterPoll);
        changes.connect(changeFeed);
        changes.onMembershipsChanged(workspaces.shareMemberships(() -> changes.changed(AuthChanges.Kind.MEMBERSHIPS)));
        this.users = new UserService(store, PasswordHasher.owaspDefaults(random), changes);
        this.tokens = new TokenService(store, clock, random, changes);
        this.permissions = new PermissionService(store, users, settings.defaultPermission(), workspaces, changes);
        users.ensureFirstAdmin(settings);
        Sessions sessions = new Sessions(new JdbiSessionStore(database), SessionSettings.from(values), clock, random);
        OidcSettings oidcSettings = settings.mode() == AuthMode.OIDC ? OidcSettings.from(values) : null;
        this.signIn = new BrowserSignIn(settings.mode().authenticates(), users, sessions,
                oidcSignIn(oidcSettings, values, sessions, clock, random), clock);
        if (settings.mode().authenticates()) {
            OidcVerifier oidc = oidcSettings != null ? new OidcVerifier(oidcSettings, clock) : null;
            this.authenticator = new StoreAuthenticator(users, tokens, new Roles(settings.defaultPermission()), oidc, sessions);
            RateLimit limit = RateLimit.from(values);
            PermissionChecker checker = new PermissionChecker(permissions, locator, database.workspace());
            this.policy = limit.enabled() ? new RateLimitedPolicy(checker, limit, clock) : checker;
        } else {
            this.authenticator = Authenticator.none();
            this.policy = AccessPolicy.roles();
        }
    }

    /** The web UI's OIDC sign-in when {@code auth.oidc.client-id} is set in {@code oidc} mode; its ID tokens name the client. */
    private OidcSignIn oidcSignIn(OidcSettings oidc, ConfigValues values, Sessions sessions, Clock clock, SecureRandom random) {
        OidcClientSettings client = oidc == null ? null : OidcClientSettings.from(values);
        if (client == null) {
            return null;
        }
        OidcSettings idTokens = new OidcSettings(oidc.issuer(), client.clientId(), oidc.jwksUri(), oidc.groupsClaim(),
                oidc.adminGroups(), oidc.editorGroups());
        return new OidcSignIn(client, oidc, new OidcVerifier(idTokens, clock), sessions, users, random);
    }

    /** How people sign in to the web UI. */
    public BrowserSignIn signIn() {
        return signIn;
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
    public void close() {
        changeFeed.close();
    }

    @Override
    public List<Routes> routes() {
        return List.of(new AuthRoutes(users, permissions), new TokenRoutes(users, tokens), new PlatformPermissionRoutes(permissions));
    }
}

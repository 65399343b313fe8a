package dev.mlforge.auth;

import dev.mlforge.config.ConfigException;
import dev.mlforge.config.ConfigValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication settings read from the configuration once at start: the mode, whether an unauthenticated server
 * may listen beyond loopback, the default permission, and the first administrator's credentials (from
 * {@code MLFORGE_ADMIN_USERNAME}/{@code MLFORGE_ADMIN_PASSWORD} through the configuration's environment layer).
 *
 * @param mode                       {@code auth.mode}
 * @param allowUnauthenticatedRemote {@code auth.allow-unauthenticated-remote}
 * @param defaultPermission          {@code auth.default-permission}
 * @param adminUsername              {@code admin-username}, null when unset
 * @param adminPassword              {@code admin-password}, null when unset; never printed
 */
public record AuthSettings(AuthMode mode, boolean allowUnauthenticatedRemote, Permission defaultPermission,
        String adminUsername, String adminPassword) {
    private static final Logger log = LoggerFactory.getLogger(AuthSettings.class);

    public static AuthSettings from(ConfigValues values) {
        return new AuthSettings(AuthMode.parse(values.string("auth.mode", "none")),
                values.bool("auth.allow-unauthenticated-remote", false),
                Permission.valueOf(values.string("auth.default-permission", "READ")),
                values.string("admin-username", ""), values.string("admin-password", ""));
    }

    public AuthSettings {
        adminUsername = adminUsername == null || adminUsername.isBlank() ? null : adminUsername;
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    }

    /**
     * Refuses to serve without authentication on an address other machines can reach, unless explicitly allowed (then
     * warns): with {@code auth.mode=none} anyone who reaches the port may read and delete everything.
     */
    public void checkBinding(String host) {
        if (mode.authenticates() || isLoopback(host)) {
            return;
        }
        if (!allowUnauthenticatedRemote) {
            throw new ConfigException("Refusing to listen on " + host + " without authentication (auth.mode=none): anyone "
                    + "who reaches this address could read, change and delete everything. Start with --auth basic (users "
                    + "and API tokens, first administrator from MLFORGE_ADMIN_USERNAME/MLFORGE_ADMIN_PASSWORD), bind "
                    + "127.0.0.1, or set auth.allow-unauthenticated-remote=true to accept the risk");
        }
        log.warn("Listening on {} WITHOUT authentication (auth.allow-unauthenticated-remote=true): anyone who reaches "
                + "this address may read, change and delete everything", host);
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "AuthSettings[mode=" + mode + ", allowUnauthenticatedRemote=" + allowUnauthenticatedRemote
                + ", defaultPermission=" + defaultPermission + ", adminUsername=" + adminUsername + ", adminPassword="
                + (adminPassword == null ? "unset" : "<redacted>") + "]";
    }
}

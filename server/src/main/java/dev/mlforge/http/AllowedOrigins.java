package dev.mlforge.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to change state through the API ({@code cors-allowed-origins}): a page may always write
 * to the server it was loaded from; any other origin, including {@code null} and other localhost ports, only when
 * listed. Requests without an {@code Origin} header (every non-browser client) are not concerned.
 */
final class AllowedOrigins {
    private final boolean any;
    private final Set<String> origins;

    AllowedOrigins(List<String> configured) {
        this.any = configured.contains("*");
        this.origins = configured.stream().map(AllowedOrigins::normalize).collect(Collectors.toUnmodifiableSet());
    }

    boolean configured() {
        return any || !origins.isEmpty();
    }

    boolean any() {
        return any;
    }

    List<String> list() {
        return origins.stream().sorted().toList();
    }

    /** True when a request from {@code origin} (may be null) to a server reached as {@code host} may write. */
    boolean allowsWrite(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        return origins.contains(normalized) || sameOrigin(normalized, host);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            if (authority == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            String hostHeader = host.trim().toLowerCase(Locale.ROOT);
            return authority.equals(hostHeader) || authority.equals(withoutDefaultPort(hostHeader, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String defaultPort = scheme.equals("https") ? ":443" : ":80";
        return host.endsWith(defaultPort) ? host.substring(0, host.length() - defaultPort.length()) : host;
    }

    private static String normalize(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}

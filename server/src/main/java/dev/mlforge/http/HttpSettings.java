package dev.mlforge.http;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.util.Arrays;
import java.util.List;

/**
 * How the HTTP door listens and what it lets in: the bound address, the body size limit, the extra host names a
 * browser may use ({@code allowed-hosts}), the origins allowed cross-site ({@code cors-allowed-origins}) and whether
 * the host and origin checks run at all ({@code disable-security-middleware}, MLflow's name for the same switch).
 *
 * @param host               address to bind ({@code host})
 * @param port               port to bind, 0 for any free one ({@code port})
 * @param maxRequestBytes    largest JSON request body ({@code max-request-size})
 * @param allowedHosts       Host header values accepted besides the defaults; {@code *} accepts any
 * @param corsAllowedOrigins origins allowed to call the API from a browser page; {@code *} allows any
 * @param securityChecks     false turns the Host and Origin checks off (content types stay enforced)
 */
public record HttpSettings(
        String host,
        int port,
        long maxRequestBytes,
        List<String> allowedHosts,
        List<String> corsAllowedOrigins,
        boolean securityChecks) {

    public HttpSettings {
        allowedHosts = List.copyOf(allowedHosts);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    public static HttpSettings from(ServerConfig config) {
        ConfigValues values = config.values();
        return new HttpSettings(config.host(), config.port(), config.maxRequestBytes(),
                list(values.string("allowed-hosts", "")), list(values.string("cors-allowed-origins", "")),
                !values.bool("disable-security-middleware", false));
    }

    /** The defaults: only loopback names and the bound address are accepted hosts, no origin is allowed. */
    public static HttpSettings of(String host, int port, long maxRequestBytes) {
        return new HttpSettings(host, port, maxRequestBytes, List.of(), List.of(), true);
    }

    public HttpSettings withAllowedHosts(String... hosts) {
        return new HttpSettings(host, port, maxRequestBytes, List.of(hosts), corsAllowedOrigins, securityChecks);
    }

    public HttpSettings withCorsAllowedOrigins(String... origins) {
        return new HttpSettings(host, port, maxRequestBytes, allowedHosts, List.of(origins), securityChecks);
    }

    public HttpSettings withSecurityChecks(boolean enabled) {
        return new HttpSettings(host, port, maxRequestBytes, allowedHosts, corsAllowedOrigins, enabled);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}

package dev.mlforge.http;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.util.Arrays;
import java.util.List;

/**
 * How the HTTP door listens and what it lets in: the bound address, the body size limit, the extra host names a
 * browser may use ({@code allowed-hosts}), the origins allowed cross-site ({@code cors-allowed-origins}) and whether
 * the host and origin checks run at all ({@code disable-security-middleware}, MLflow's name for the same switch), and
 * the {@code X-Frame-Options} header every answer carries against clickjacking ({@code x-frame-options}, as MLflow 3.5+).
 *
 * @param host               address to bind ({@code host})
 * @param port               port to bind, 0 for any free one ({@code port})
 * @param maxRequestBytes    largest JSON request body ({@code max-request-size})
 * @param allowedHosts       Host header values accepted besides the defaults; {@code *} accepts any
 * @param corsAllowedOrigins origins allowed to call the API from a browser page; {@code *} allows any
 * @param securityChecks     false turns the Host and Origin checks off (content types stay enforced), and the
 *                           X-Frame-Options header with them, as in MLflow
 * @param xFrameOptions      {@code SAMEORIGIN} (the default) or {@code DENY}; null for {@code NONE} (no header)
 * @param tls                HTTPS settings, or null to serve plain HTTP
 */
public record HttpSettings(
        String host,
        int port,
        long maxRequestBytes,
        List<String> allowedHosts,
        List<String> corsAllowedOrigins,
        boolean securityChecks,
        String xFrameOptions,
        TlsSettings tls) {

    public HttpSettings {
        allowedHosts = List.copyOf(allowedHosts);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    public static HttpSettings from(ServerConfig config) {
        ConfigValues values = config.values();
        return new HttpSettings(config.host(), config.port(), config.maxRequestBytes(),
                list(values.string("allowed-hosts", "")), list(values.string("cors-allowed-origins", "")),
                !values.bool("disable-security-middleware", false), xFrameOptions(values.string("x-frame-options", "SAMEORIGIN")),
                TlsSettings.from(values));
    }

    /** The header value for the configured choice, upper case as MLflow sends it; null for {@code NONE}. */
    static String xFrameOptions(String configured) {
        String value = configured.trim().toUpperCase(java.util.Locale.ROOT);
        return value.isEmpty() || value.equals("NONE") ? null : value;
    }

    /** The defaults: only loopback names and the bound address are accepted hosts, no origin is allowed. */
    public static HttpSettings of(String host, int port, long maxRequestBytes) {
        return new HttpSettings(host, port, maxRequestBytes, List.of(), List.of(), true, "SAMEORIGIN", null);
    }

    public HttpSettings withAllowedHosts(String... hosts) {
        return new HttpSettings(host, port, maxRequestBytes, List.of(hosts), corsAllowedOrigins, securityChecks, xFrameOptions, tls);
    }

    public HttpSettings withCorsAllowedOrigins(String... origins) {
        return new HttpSettings(host, port, maxRequestBytes, allowedHosts, List.of(origins), securityChecks, xFrameOptions, tls);
    }

    public HttpSettings withSecurityChecks(boolean enabled) {
        return new HttpSettings(host, port, maxRequestBytes, allowedHosts, corsAllowedOrigins, enabled, xFrameOptions, tls);
    }

    /** These settings serving HTTPS as {@code tls} says (null: plain HTTP). */
    public HttpSettings withTls(TlsSettings tls) {
        return new HttpSettings(host, port, maxRequestBytes, allowedHosts, corsAllowedOrigins, securityChecks, xFrameOptions, tls);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}

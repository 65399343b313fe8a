package dev.mlforge.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Host header values the server answers, against DNS rebinding (MLflow 3's protection): a page on an attacker's
 * name that re-resolves to this machine sends that name as Host, so only names the operator chose are accepted.
 * Always accepted: {@code localhost} and {@code *.localhost}, loopback addresses (127.0.0.0/8, {@code [::1]},
 * {@code 0.0.0.0}) and the bound address. Bound to a wildcard address ({@code 0.0.0.0}, {@code ::}), any IP address
 * is accepted too: an address typed in the browser cannot be rebound, and behind NAT or a container port mapping the
 * address clients use is not one of this machine's. Configured entries are {@code name}, {@code name:port} or globs
 * ({@code *.example.com}, {@code name:*}); an entry without a port matches any port; {@code *} accepts every host.
 */
final class AllowedHosts {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    private final boolean any;
    private final String boundHost;
    private final boolean boundToWildcard;
    private final List<Entry> configured;
    /**
     * Decisions already taken, by Host header value: the answer depends only on the value and the configuration,
     * and clients send few distinct values, so the parse and the address regular expressions run once per value
     * rather than on every request. Bounded, so that a client cycling through values cannot grow it.
     */
    private final Map<String, Boolean> decided = new ConcurrentHashMap<>();
    private static final int DECIDED_LIMIT = 256;

    private record Entry(Pattern name, Pattern port) {
        boolean matches(HostHeader host) {
            return name.matcher(host.name()).matches() && (port == null || host.port() != null && port.matcher(host.port()).matches());
        }
    }

    /** A Host header split into its lower-case name (IPv6 in brackets, no trailing dot) and its port (or null). */
    private record HostHeader(String name, String port) {
        static HostHeader parse(String header) {
            String value = header.trim().toLowerCase(Locale.ROOT);
            int colon = value.lastIndexOf(':');
            String name = value;
            String port = null;
            if (colon >= 0 && value.indexOf(']', colon) < 0 && (value.startsWith("[") || value.indexOf(':') == colon)) {
                name = value.substring(0, colon);
                port = value.substring(colon + 1);
            }
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            return new HostHeader(name, port);
        }
    }

    AllowedHosts(String boundHost, List<String> configured) {
        this.any = configured.contains("*");
        String bound = boundHost == null ? "" : boundHost.trim().toLowerCase(Locale.ROOT);
        this.boundToWildcard = bound.isEmpty() || bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("[::]");
        this.boundHost = bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound;
        this.configured = configured.stream().map(AllowedHosts::entry).toList();
    }

    boolean allows(String header) {
        if (any) {
            return true;
        }
        if (header == null || header.isBlank()) {
            return false;
        }
        Boolean known = decided.get(header);
        if (known != null) {
            return known;
        }
        boolean allowed = decide(header);
        if (decided.size() < DECIDED_LIMIT) {
            decided.put(header, allowed);
        }
        return allowed;
    }

    private boolean decide(String header) {
        HostHeader host = HostHeader.parse(header);
        if (host.port() != null && !host.port().chars().allMatch(Character::isDigit)) {
            return false;
        }
        return isLoopbackName(host.name())
                || host.name().equals(boundHost)
                || boundToWildcard && isAddressLiteral(host.name())
                || configured.stream().anyMatch(entry -> entry.matches(host));
    }

    private static boolean isLoopbackName(String name) {
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]") || name.equals("0.0.0.0")) {
            return true;
        }
        return isIpv4(name) && name.startsWith("127.");
    }

    private static boolean isAddressLiteral(String name) {
        return isIpv4(name) || IPV6.matcher(name).matches();
    }

    private static boolean isIpv4(String name) {
        var match = IPV4.matcher(name);
        if (!match.matches()) {
            return false;
        }
        for (int group = 1; group <= 4; group++) {
            if (Integer.parseInt(match.group(group)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Entry entry(String configured) {
        HostHeader host = HostHeader.parse(configured);
        return new Entry(glob(host.name()), host.port() == null ? null : glob(host.port()));
    }

    private static Pattern glob(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}

package dev.mlforge.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the server's outgoing calls (alert webhooks, MLflow webhooks) from reaching its own network (SSRF): a URL whose
 * host is, or resolves to, a loopback, link-local, private, unique-local, unspecified, multicast or otherwise reserved
 * address (IPv4-mapped and other IPv4-embedding IPv6 forms included) is refused, unless the host is in the allowlist
 * the caller's configuration names. Callers check when a URL is saved and again before every call, since a name may
 * resolve elsewhere later; each words the refusal for its own API.
 */
public final class AddressPolicy {
    /**
     * Why a host may not be called.
     *
     * @param host    the host in normal form (lower case, no brackets, no trailing dot)
     * @param address the non-public address it is or resolves to; null when it does not resolve
     * @param literal whether the host is an IP literal rather than a name
     */
    public record Refusal(String host, String address, boolean literal) {}

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    /** @param allowedHosts host names or IP literals (as written in the URL, IPv6 without brackets), any case */
    public AddressPolicy(Set<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(AddressPolicy::normalHost).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * Why {@code uri} must not be called, if it must not: its host is not allowed and resolves to a non-public address,
     * or ({@code mustResolve}) does not resolve at all.
     */
    public Optional<Refusal> refusal(URI uri, boolean mustResolve) {
        String host = normalHost(uri.getHost());
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of(new Refusal(host, null, isLiteral(host))) : Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of(new Refusal(host, address.getHostAddress(), isLiteral(host)));
            }
        }
        return Optional.empty();
    }

    /** Whether a connection to {@code address} leaves the host and its private networks. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(bytes);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 0 || first == 10 || first == 127 || first >= 224
                || (first == 100 && second >= 64 && second < 128)        // shared address space (carrier NAT)
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second < 32)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0)   // IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19)));    // benchmarking
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xff || (first == 0xfe && (b[1] & 0xc0) == 0x80)) {
            return false; // unique local fc00::/7, multicast, link-local fe80::/10
        }
        if (allZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            return embeddedV4IsPublic(b, 12); // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d
        }
        if (first == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return embeddedV4IsPublic(b, 12); // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && b[1] == 0x02) {
            return embeddedV4IsPublic(b, 2); // 6to4 2002::/16
        }
        return !(first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8); // documentation 2001:db8::/32
    }

    private static boolean embeddedV4IsPublic(byte[] bytes, int offset) {
        return isPublicV4(new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A host as the allowlist compares it: lower case, IPv6 without brackets, no trailing dot. */
    public static String normalHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    @Override
    public String toString() {
        return "AddressPolicy" + new TreeSet<>(allowedHosts);
    }
}

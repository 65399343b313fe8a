package dev.mlforge.monitoring.alerts;

import java.net.InetAddress;

/**
 * Turns an alert webhook's host into the addresses a connection would reach; the system resolver in production. The
 * shared {@link dev.mlforge.outbound.HostResolver} under the name the alert code and its tests use.
 */
@FunctionalInterface
public interface HostResolver extends dev.mlforge.outbound.HostResolver {
    /** The JDK's resolver, which the webhook HTTP client also uses. */
    HostResolver SYSTEM = InetAddress::getAllByName;
}

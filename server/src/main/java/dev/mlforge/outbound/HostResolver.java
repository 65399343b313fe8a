package dev.mlforge.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host into the addresses a connection would reach; the system resolver in production. */
@FunctionalInterface
public interface HostResolver {
    /** The JDK's resolver, which the JDK HTTP client also uses. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}

package dev.mlforge.http;

import io.javalin.security.RouteRole;

/**
 * What a route lets its caller do, declared where the route is registered: PUBLIC is for probes anyone may call
 * (health, version), READ looks, WRITE changes tracked data, models and deployments, ADMIN changes the rules others
 * work under (approval rules, alert rules, schedules, triggers). Each role includes the ones before it.
 */
public enum Role implements RouteRole {
    PUBLIC,
    READ,
    WRITE,
    ADMIN;

    /** True when holding this role allows what {@code required} guards. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}

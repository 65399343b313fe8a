package dev.mlforge.http;

import io.javalin.security.RouteRole;

/**
 * Declared next to a route's {@link Role} by a route whose first act is to parse its JSON body with
 * {@link MlflowRequest#streaming}: the access policy's checks of body fields ({@link AccessRequest#whenBodyParsed}) then
 * run on the fields of that parse, before the route acts, instead of on a scan of the whole body at the door. A
 * 1000-metric log-batch is then parsed once, not twice, and its run is still checked before anything is written.
 */
public enum RouteParsesFirst implements RouteRole {
    INSTANCE
}

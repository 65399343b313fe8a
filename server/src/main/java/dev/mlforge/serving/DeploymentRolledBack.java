package dev.mlforge.serving;

import dev.mlforge.events.Event;
import java.time.Instant;

/** A deployment went back to its previous traffic policy. */
public record DeploymentRolledBack(String deployment, TrafficPolicy from, TrafficPolicy to, Instant time)
        implements Event {}

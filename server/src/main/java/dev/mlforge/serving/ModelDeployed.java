package dev.mlforge.serving;

import dev.mlforge.events.Event;
import java.time.Instant;

/**
 * A model version was loaded, warmed up and put behind a deployment. {@code role} is {@code primary},
 * {@code canary} or {@code shadow}; {@code modelName} and {@code version} are null for a {@code runs:/} URI.
 */
public record ModelDeployed(String deployment, String role, String modelUri, String modelName, String version,
        Instant time) implements Event {}

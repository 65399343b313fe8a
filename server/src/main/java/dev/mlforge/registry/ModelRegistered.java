package dev.mlforge.registry;

import dev.mlforge.events.Event;
import java.time.Instant;

/** A new model version was registered. */
public record ModelRegistered(String modelName, String version, String runId, String source, Instant time) implements Event {}

package dev.mlforge.events;

import java.time.Instant;

/** A tag of a registered model was set or, when {@code value} is null, deleted. */
public record RegisteredModelTagChanged(String modelName, String key, String value, Instant time) implements Event {}

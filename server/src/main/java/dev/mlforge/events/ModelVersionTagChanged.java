package dev.mlforge.events;

import java.time.Instant;

/** A tag of a model version was set or, when {@code value} is null, deleted. */
public record ModelVersionTagChanged(String modelName, String version, String key, String value, Instant time)
        implements Event {}

package dev.mlforge.events;

import java.time.Instant;

/**
 * An alias of a registered model was set, moved or deleted. {@code version} is null when the alias was deleted;
 * {@code previousVersion} is null when it was new.
 */
public record AliasChanged(String modelName, String alias, String previousVersion, String version, String user,
        Instant time) implements Event {}

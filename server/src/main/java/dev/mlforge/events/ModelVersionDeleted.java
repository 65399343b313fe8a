package dev.mlforge.events;

import java.time.Instant;

/**
 * A model version was deleted: a stage or {@code latest} URI that resolved to it now resolves to another version (or
 * to none).
 */
public record ModelVersionDeleted(String modelName, String version, Instant time) implements Event {}

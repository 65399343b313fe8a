package dev.mlforge.events;

import java.time.Instant;

/** A model version moved from one stage to another (None, Staging, Production, Archived). */
public record ModelVersionTransitioned(String modelName, String version, String fromStage, String toStage, String user,
        Instant time) implements Event {}

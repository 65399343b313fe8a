package dev.mlforge.events;

import java.time.Instant;
import java.util.Map;

/**
 * A registered model (or a prompt: its tags hold {@code mlflow.prompt.is_prompt}) was created.
 *
 * @param description its description; null when none
 * @param tags        its tags in the order the request gave them
 */
public record RegisteredModelCreated(String modelName, String description, Map<String, String> tags, Instant time)
        implements Event {}

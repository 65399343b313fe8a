package dev.mlforge.events;

import java.time.Instant;
import java.util.Map;

/**
 * A new model version was registered (a prompt version too: its tags hold {@code mlflow.prompt.is_prompt}).
 *
 * @param runId       the run it came from; null when none
 * @param description the version's description; null when none
 * @param tags        the version's tags in the order the request gave them
 */
public record ModelRegistered(String modelName, String version, String runId, String source, String description,
        Map<String, String> tags, Instant time) implements Event {}

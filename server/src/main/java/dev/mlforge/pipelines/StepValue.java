package dev.mlforge.pipelines;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;

/**
 * An output of a step: a file or folder in the step's output folder, or a JSON-compatible value (string, number,
 * boolean, list, map). {@link #digest()} identifies the content, so downstream cache keys change when it does.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = StepValue.FileValue.class, name = "file"),
        @JsonSubTypes.Type(value = StepValue.JsonValue.class, name = "value")})
public sealed interface StepValue {
    String digest();

    /** A file or folder; {@code digest} is the SHA-256 of its content (of the sorted tree for a folder). */
    record FileValue(String path, String digest) implements StepValue {
        public Path file() {
            return Path.of(path);
        }
    }

    /** A JSON-compatible value; {@code digest} is the SHA-256 of its canonical JSON. */
    record JsonValue(Object value, String digest) implements StepValue {}
}

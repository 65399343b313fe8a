package dev.mlforge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a response body, character for character, with a committed golden file under
 * {@code src/test/resources/golden/}, after replacing the values that differ on every run (times, generated ids,
 * the data folder) by named placeholders. With the environment variable {@code MLFORGE_RECORD_GOLDEN=1} a missing
 * golden file is written from the body instead of compared (review the recorded files before committing them).
 */
public final class GoldenText {
    private final Map<Pattern, String> replacements = new LinkedHashMap<>();

    /** Replaces the string value of every field named {@code field} by {@code <placeholder>}. */
    public GoldenText field(String field, String placeholder) {
        replacements.put(Pattern.compile("\"" + Pattern.quote(field) + "\":\"[^\"]*\""),
                Matcher.quoteReplacement("\"" + field + "\":\"<" + placeholder + ">\""));
        return this;
    }

    /** Replaces every occurrence of {@code text} by {@code <placeholder>}. */
    public GoldenText text(String text, String placeholder) {
        replacements.put(Pattern.compile(Pattern.quote(text)), Matcher.quoteReplacement("<" + placeholder + ">"));
        return this;
    }

    /** Replaces every match of the regular expression {@code regex} by {@code <placeholder>}. */
    public GoldenText pattern(String regex, String placeholder) {
        replacements.put(Pattern.compile(regex), Matcher.quoteReplacement("<" + placeholder + ">"));
        return this;
    }

    /** The body with the run-dependent values replaced. */
    public String normalize(String body) {
        String normalized = body;
        for (Map.Entry<Pattern, String> replacement : replacements.entrySet()) {
            normalized = replacement.getKey().matcher(normalized).replaceAll(replacement.getValue());
        }
        return normalized;
    }

    /** Fails unless the normalized {@code body} equals the golden file {@code golden/<name>} exactly. */
    public void assertMatches(String name, String body) {
        String actual = normalize(body);
        String expected = read(name);
        if (expected == null && record(name, actual)) {
            return;
        }
        assertThat(actual).as("body compared with golden/%s", name).isEqualTo(expected);
    }

    /**
     * Fails unless {@code body} reads into the wire record {@code type} (as the SDK and CLI read it) and that record,
     * written by the server's mapper, is {@code body} again: reading loses nothing.
     */
    public static <T> T assertReadsBack(String body, Class<T> type) {
        try {
            T record = Json.mapper().readValue(body, type);
            assertThat(Json.mapper().writeValueAsString(record)).as("%s read and written again", type.getSimpleName())
                    .isEqualTo(body);
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = GoldenText.class.getResourceAsStream("/golden/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean record(String name, String actual) {
        if (!"1".equals(System.getenv("MLFORGE_RECORD_GOLDEN"))) {
            return false;
        }
        try {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

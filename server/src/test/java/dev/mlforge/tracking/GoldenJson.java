package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares a response with a golden file under {@code src/test/resources/golden/}, structurally: the same
 * fields, array lengths and values, except where the golden file says {@code "<any>"} (ids and times that vary),
 * which only requires the field to be present.
 */
final class GoldenJson {
    private static final String ANY = "<any>";

    private GoldenJson() {}

    static void assertMatches(String goldenPath, String actualJson) {
        JsonNode golden = read(goldenPath);
        JsonNode actual;
        try {
            actual = Json.mapper().readTree(actualJson);
        } catch (IOException e) {
            throw new AssertionError("Response is not JSON: " + actualJson, e);
        }
        List<String> differences = new ArrayList<>();
        compare("$", golden, actual, differences);
        assertThat(differences).as("differences from %s in %s", goldenPath, actualJson).isEmpty();
    }

    private static JsonNode read(String path) {
        try (InputStream in = GoldenJson.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new AssertionError("No golden file " + path);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String where, JsonNode golden, JsonNode actual, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(where + ": missing");
            return;
        }
        if (golden.isTextual() && golden.asText().equals(ANY)) {
            return;
        }
        if (golden.isObject()) {
            if (!actual.isObject()) {
                differences.add(where + ": expected an object, got " + actual);
                return;
            }
            for (Iterator<String> names = golden.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                compare(where + "." + name, golden.get(name), actual.get(name), differences);
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!golden.has(name)) {
                    differences.add(where + "." + name + ": unexpected field " + actual.get(name));
                }
            }
        } else if (golden.isArray()) {
            if (!actual.isArray() || actual.size() != golden.size()) {
                differences.add(where + ": expected " + golden.size() + " elements, got " + actual);
                return;
            }
            for (int i = 0; i < golden.size(); i++) {
                compare(where + "[" + i + "]", golden.get(i), actual.get(i), differences);
            }
        } else if (golden.isNumber() && actual.isNumber()) {
            if (golden.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(where + ": expected " + golden + ", got " + actual);
            }
        } else if (!golden.equals(actual)) {
            differences.add(where + ": expected " + golden + ", got " + actual);
        }
    }
}

package dev.mlforge.monitoring.drift;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the golden vectors written by server/src/test/golden/generate_drift_goldens.py. */
final class GoldenSamples {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private GoldenSamples() {
    }

    static JsonNode cases(String file) {
        try (InputStream in = GoldenSamples.class.getResourceAsStream("/golden/drift/" + file)) {
            return MAPPER.readTree(in).get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }

    /** The generator's sample: sums of uniforms k / 2^24 from a 32-bit LCG (exact doubles), then scaled/shifted. */
    static double[] generated(JsonNode spec) {
        long state = spec.get("seed").asLong() & 0xFFFFFFFFL;
        int count = spec.get("count").asInt();
        int terms = spec.get("terms").asInt();
        double scale = spec.has("scale") ? spec.get("scale").asDouble() : 1.0;
        double shift = spec.has("shift") ? spec.get("shift").asDouble() : 0.0;
        boolean round = spec.has("round") && spec.get("round").asBoolean();
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            double total = 0.0;
            for (int t = 0; t < terms; t++) {
                state = (1664525L * state + 1013904223L) & 0xFFFFFFFFL;
                total += (state >>> 8) / 16777216.0;
            }
            double value = total * scale + shift;
            values[i] = round ? Math.floor(value) : value;
        }
        return values;
    }
}

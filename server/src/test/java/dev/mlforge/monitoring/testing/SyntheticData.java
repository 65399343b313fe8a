package dev.mlforge.monitoring.testing;

import dev.mlforge.monitoring.monitors.PredictionRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Seeded data for monitoring tests: columns x ~ N(0, 1), y ~ N(5, 2) and color in {red, green, blue}. */
public final class SyntheticData {
    private static final String[] COLORS = {"red", "green", "blue"};

    private SyntheticData() {}

    /** A reference CSV of {@code rows} rows. */
    public static String referenceCsv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x,y,color\n");
        for (int i = 0; i < rows; i++) {
            csv.append(random.nextGaussian()).append(',').append(5 + 2 * random.nextGaussian()).append(',')
                    .append(COLORS[random.nextInt(3)]).append('\n');
        }
        return csv.toString();
    }

    /**
     * Adds {@code rows} predictions to the log; {@code shift} is added to x and y (0 for the reference
     * distribution). The prediction is whether x > 0, the label the same with every fifth row wrong.
     */
    public static void addPredictions(LoggedPredictions log, String deployment, String version, int rows,
            double shift, long seed) {
        Random random = new Random(seed);
        Instant now = Instant.now();
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian() + shift;
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("x", x);
            inputs.put("y", 5 + 2 * random.nextGaussian() + shift);
            inputs.put("color", COLORS[random.nextInt(3)]);
            int predicted = x > 0 ? 1 : 0;
            int label = i % 5 == 0 ? 1 - predicted : predicted;
            double probability = 1 / (1 + Math.exp(-x));
            log.add(deployment, new PredictionRow("r" + seed + "-" + i, version, now, inputs, predicted,
                    Map.of("0", 1 - probability, "1", probability), label));
        }
    }
}

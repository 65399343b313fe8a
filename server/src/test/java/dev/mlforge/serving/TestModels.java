package dev.mlforge.serving;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed test models and held-out rows (see serving/models/generate_models.py). */
final class TestModels {
    /** A held-out row and the label the original framework predicted for it. */
    record Row(float[] features, long label) {}

    private TestModels() {}

    static Path resource(String name) {
        try {
            return Path.of(TestModels.class.getResource("/serving/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path irisOnnx() {
        return resource("models/iris_logreg.onnx");
    }

    static Path wineOnnx() {
        return resource("models/wine_mlp.onnx");
    }

    static Path irisMlflow() {
        return resource("models/iris_mlflow");
    }

    static List<Row> holdout(String file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(resource("models/" + file))) {
            String[] cells = line.split(",");
            float[] features = new float[cells.length - 1];
            for (int i = 0; i < features.length; i++) {
                features[i] = Float.parseFloat(cells[i]);
            }
            rows.add(new Row(features, Long.parseLong(cells[cells.length - 1])));
        }
        return rows;
    }
}

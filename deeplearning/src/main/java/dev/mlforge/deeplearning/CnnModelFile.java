package dev.mlforge.deeplearning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@code MLmodel} file next to the CNN's DJL parameters: the {@code djl_cnn} flavor (what rebuilds the
 * block: filters, classes, image size) and a tensor signature ({@code float32 [-1, 1, height, width]} in, the class
 * label {@code int64 [-1]} and {@code probabilities} out), so serving can load it through its predictor SPI.
 */
public final class CnnModelFile {
    /** The flavor name {@code dev.mlforge.deeplearning.serving.CnnPredictorProvider} serves. */
    public static final String FLAVOR = "djl_cnn";

    private CnnModelFile() {}

    static void write(Path directory, int filters, ImageSet images) throws IOException {
        String inputs = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 1, "
                + images.height() + ", " + images.width() + "]}, \"name\": \"image\"}]";
        String outputs = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}, \"name\": \"label\"},"
                + " {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, " + images.classes()
                + "]}, \"name\": \"probabilities\"}]";
        String text = "artifact_path: model\n"
                + "flavors:\n"
                + "  " + FLAVOR + ":\n"
                + "    engine: PyTorch\n"
                + "    model_name: cnn\n"
                + "    filters: " + filters + "\n"
                + "    classes: " + images.classes() + "\n"
                + "    height: " + images.height() + "\n"
                + "    width: " + images.width() + "\n"
                + "signature:\n"
                + "  inputs: '" + inputs + "'\n"
                + "  outputs: '" + outputs + "'\n"
                + "  params: null\n";
        Files.writeString(directory.resolve("MLmodel"), text);
    }
}

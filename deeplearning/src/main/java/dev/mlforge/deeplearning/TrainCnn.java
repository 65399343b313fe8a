package dev.mlforge.deeplearning;

import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code TrainCnn --tracking-uri URI --dataset fashion-mnist|digits --epochs N
 * [--data-dir DIR] [--experiment NAME] [--batch-size N] [--learning-rate X] [--filters N]}.
 */
public final class TrainCnn {
    static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private TrainCnn() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("offline", "true");
        String trackingUri = null;
        String dataset = "digits";
        String experiment = null;
        Path dataDir = null;
        int epochs = 3;
        int batchSize = 64;
        float learningRate = 0.003f;
        int filters = 16;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--tracking-uri" -> trackingUri = required(args[i], value);
                case "--dataset" -> dataset = required(args[i], value);
                case "--experiment" -> experiment = required(args[i], value);
                case "--data-dir" -> dataDir = Path.of(required(args[i], value));
                case "--epochs" -> epochs = Integer.parseInt(required(args[i], value));
                case "--batch-size" -> batchSize = Integer.parseInt(required(args[i], value));
                case "--learning-rate" -> learningRate = Float.parseFloat(required(args[i], value));
                case "--filters" -> filters = Integer.parseInt(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (trackingUri == null) {
            throw new IllegalArgumentException("--tracking-uri is required");
        }
        Split split = switch (dataset) {
            case "fashion-mnist" -> fashionMnist(dataDir == null ? FASHION_MNIST_DIR : dataDir);
            case "digits" -> digits(dataDir);
            default -> throw new IllegalArgumentException("--dataset must be fashion-mnist or digits, not " + dataset);
        };
        TrainingSettings settings = new TrainingSettings(epochs, batchSize, learningRate, filters, 42);
        Path workDir = Files.createTempDirectory("mlforge-cnn");
        long started = System.nanoTime();
        try (ActiveRun run = MlforgeClient.create(trackingUri)
                .startRun(experiment == null ? "cnn-" + dataset : experiment, "cnn-" + dataset)) {
            run.logParam("dataset", dataset);
            double accuracy = new CnnTrainer(settings).train(split.train(), split.validation(), run, workDir);
            System.out.printf("run %s: %s, %d epochs, validation accuracy %.4f, %.1f s%n", run.runId(), dataset,
                    epochs, accuracy, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Training and held-out images. */
    record Split(ImageSet train, ImageSet validation) {
    }

    static Split fashionMnist(Path dir) throws IOException {
        return new Split(IdxFiles.read(dir.resolve("train-images-idx3-ubyte.gz"),
                        dir.resolve("train-labels-idx1-ubyte.gz"), 10),
                IdxFiles.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), 10));
    }

    /**
     * scikit-learn's digits, the first 80 % for training, the rest held out.
     *
     * @param dir a directory holding {@code digits.csv.gz}, or null for the copy on the classpath
     */
    static Split digits(Path dir) throws IOException {
        ImageSet all;
        try (InputStream in = dir == null ? TrainCnn.class.getResourceAsStream("/digits.csv.gz")
                : Files.newInputStream(dir.resolve("digits.csv.gz"))) {
            if (in == null) {
                throw new IOException("digits.csv.gz is not on the classpath; pass --data-dir");
            }
            all = DigitsCsv.read(in);
        }
        int cut = all.size() * 4 / 5;
        return new Split(all.slice(0, cut), all.slice(cut, all.size()));
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}

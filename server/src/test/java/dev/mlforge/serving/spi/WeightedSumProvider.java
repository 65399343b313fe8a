package dev.mlforge.serving.spi;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.DataType;
import dev.mlforge.serving.ModelSignature;
import dev.mlforge.serving.Predictor;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A flavor a team adds from outside the server: {@code weighted_sum}, a text file of weights (one per line, the
 * last one the bias) that scores {@code sum(w_i * x_i) + b}. Registered through test resources'
 * {@code META-INF/services}, exactly as a plugin jar registers its provider.
 */
public final class WeightedSumProvider implements PredictorProvider {
    @Override
    public String name() {
        return "weighted_sum";
    }

    @Override
    public Set<String> flavors() {
        return Set.of("weighted_sum");
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(".wsum");
    }

    @Override
    public Predictor load(ModelFiles model) {
        Path file = model.modelFile("data", "weights.wsum");
        try {
            double[] weights = Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
            if (weights.length < 2) {
                throw new NumberFormatException("needs at least one weight and a bias");
            }
            return new WeightedSum(weights);
        } catch (IOException | NumberFormatException e) {
            throw new MlforgeException(ErrorCode.INVALID_PARAMETER_VALUE, "Cannot load weighted_sum model "
                    + ModelFiles.displayName(file) + ": " + e.getMessage(), e);
        }
    }

    /** The loaded weights; FP64 {@code [-1, n]} in, FP64 {@code [-1]} out. */
    private record WeightedSum(double[] weights) implements Predictor {
        @Override
        public ModelSignature signature() {
            return new ModelSignature("weighted_sum",
                    List.of(new TensorSpec("x", DataType.FP64, List.of(-1L, (long) weights.length - 1), true)),
                    List.of(new TensorSpec("score", DataType.FP64, List.of(-1L), true)), List.of());
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) {
            double[] x = (double[]) inputs.get(0).data();
            int width = weights.length - 1;
            double[] scores = new double[x.length / width];
            for (int row = 0; row < scores.length; row++) {
                double sum = weights[width];
                for (int i = 0; i < width; i++) {
                    sum += weights[i] * x[row * width + i];
                }
                scores[row] = sum;
            }
            return List.of(new Tensor("score", DataType.FP64, new long[] {scores.length}, scores));
        }

        @Override
        public void close() {
            // heap only
        }
    }
}

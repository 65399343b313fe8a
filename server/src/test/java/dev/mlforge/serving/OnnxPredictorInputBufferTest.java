package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FP32 inputs go to ONNX Runtime through a direct buffer each thread reuses (small inputs) or through the runtime's
 * own copy (large ones): on the real wine MLP, a call never sees a previous call's data, and both routes answer the
 * held-out labels with the same probabilities.
 */
class OnnxPredictorInputBufferTest {
    private static final int FEATURES = 13;

    private static List<Tensor> rows(float[] values) {
        return List.of(new Tensor("input", DataType.FP32, new long[] {values.length / FEATURES, FEATURES}, values));
    }

    @Test
    void consecutive_calls_on_one_thread_answer_their_own_rows_as_a_large_batch_does() throws Exception {
        List<TestModels.Row> holdout = TestModels.holdout("wine_holdout.csv");
        // Over the reused buffer's 256 KB: this call takes the runtime's own copy of the array.
        int copies = 256 * 1024 / (4 * FEATURES * holdout.size()) + 1;
        float[] large = new float[copies * holdout.size() * FEATURES];
        for (int copy = 0; copy < copies; copy++) {
            for (int i = 0; i < holdout.size(); i++) {
                System.arraycopy(holdout.get(i).features(), 0, large, (copy * holdout.size() + i) * FEATURES, FEATURES);
            }
        }
        try (OnnxPredictor model = OnnxPredictor.load(TestModels.wineOnnx())) {
            List<Tensor> batch = model.predict(rows(large));
            long[] batchLabels = (long[]) batch.get(0).data();
            float[] batchProbabilities = (float[]) batch.get(1).data();
            float[][] firstAnswers = new float[holdout.size()][];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < holdout.size(); i++) {
                    List<Tensor> outputs = model.predict(rows(holdout.get(i).features().clone()));
                    float[] probabilities = (float[]) outputs.get(1).data();
                    assertThat(((long[]) outputs.get(0).data())[0]).as("row %d", i).isEqualTo(holdout.get(i).label())
                            .isEqualTo(batchLabels[(copies - 1) * holdout.size() + i]);
                    for (int k = 0; k < probabilities.length; k++) {
                        assertThat(probabilities[k]).as("row %d class %d", i, k)
                                .isCloseTo(batchProbabilities[i * probabilities.length + k], org.assertj.core.data.Offset.offset(1e-5f));
                    }
                    if (pass == 0) {
                        firstAnswers[i] = probabilities;
                    } else {
                        // The buffer now held every other row in between: the answer is bit for bit the first one.
                        assertThat(probabilities).as("row %d again", i).containsExactly(firstAnswers[i]);
                    }
                }
            }
            // Two rows at once after single rows: the buffer is filled from its start again, with both rows.
            float[] two = new float[2 * FEATURES];
            System.arraycopy(holdout.get(1).features(), 0, two, 0, FEATURES);
            System.arraycopy(holdout.get(0).features(), 0, two, FEATURES, FEATURES);
            long[] labels = (long[]) model.predict(rows(two)).get(0).data();
            assertThat(labels).containsExactly(holdout.get(1).label(), holdout.get(0).label());
        }
    }
}

package dev.mlforge.deeplearning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.tracking.Metric;
import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CnnTrainerTest {
    private static final int EPOCHS = 6;

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();

    @TempDir
    Path workDir;

    @Test
    void a_cnn_trained_on_digits_classifies_held_out_digits_and_is_tracked_per_epoch(MlforgeClient client) throws Exception {
        System.setProperty("offline", "true");
        TrainCnn.Split split = TrainCnn.digits(null);
        String runId;
        double accuracy;
        try (ActiveRun run = client.startRun("cnn-digits-test")) {
            runId = run.runId();
            accuracy = new CnnTrainer(new TrainingSettings(EPOCHS, 32, 0.003f, 16, 42))
                    .train(split.train(), split.validation(), run, workDir);
        }

        assertThat(accuracy).isGreaterThan(0.8);
        List<Metric> accuracyHistory = client.runs().metricHistory(runId, "val_accuracy");
        assertThat(accuracyHistory).extracting(Metric::step).containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, EPOCHS).boxed().toList());
        assertThat(accuracyHistory).filteredOn(m -> m.step() == EPOCHS - 1).singleElement()
                .extracting(Metric::value).isEqualTo(accuracy);
        assertThat(client.runs().metricHistory(runId, "train_loss")).hasSize(EPOCHS);
        assertThat(client.runs().get(runId).data().params()).anySatisfy(p -> assertThat(p.key()).isEqualTo("epochs"));
        assertThat(client.artifacts().list(runId, CnnTrainer.MODEL_ARTIFACT_PATH))
                .anySatisfy(f -> assertThat(f.path()).endsWith(".params"));
    }

    @Test
    void digits_csv_holds_1797_eight_by_eight_images_with_ten_classes() throws Exception {
        TrainCnn.Split split = TrainCnn.digits(null);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(1797);
        assertThat(split.train().height()).isEqualTo(8);
        float[] pixels = split.train().pixels();
        float min = 1;
        float max = 0;
        for (float p : pixels) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        assertThat(split.validation().labels()).contains(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}

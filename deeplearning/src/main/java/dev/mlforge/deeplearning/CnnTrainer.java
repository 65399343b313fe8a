package dev.mlforge.deeplearning;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.mlforge.sdk.ActiveRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Trains the CNN for N epochs, evaluating after each, and tracks it in an mlforge run. */
public final class CnnTrainer {
    /** Where the saved model lands in the run's artifacts. */
    public static final String MODEL_ARTIFACT_PATH = "model";

    private static final int EVAL_CHUNK = 1000;

    private final TrainingSettings settings;

    public CnnTrainer(TrainingSettings settings) {
        this.settings = settings;
    }

    /**
     * Trains on {@code train}, logs params, per-epoch {@code train_loss} and {@code val_accuracy} (step = epoch),
     * and the saved model under {@value #MODEL_ARTIFACT_PATH} (DJL parameters plus an {@code MLmodel} file with the
     * {@code djl_cnn} flavor, so the run's model can be registered and deployed).
     *
     * @param train training images
     * @param validation held-out images
     * @param run the run to log to (left open)
     * @param workDir where the model is saved before upload
     * @return the final validation accuracy
     */
    public double train(ImageSet train, ImageSet validation, ActiveRun run, Path workDir) {
        run.logParams(settings.asParams());
        run.logParam("train_size", Integer.toString(train.size()));
        run.logParam("validation_size", Integer.toString(validation.size()));
        run.logParam("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        Engine.getInstance().setRandomSeed(settings.seed());
        try (Model model = Model.newInstance("cnn");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(Cnn.block(settings.filters(), train.classes()));
            ArrayDataset trainSet = dataset(data, train, true);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                            .build());
            double accuracy = 0;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, train.height(), train.width()));
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    double loss = trainEpoch(trainer, trainSet);
                    accuracy = accuracy(trainer, data, validation);
                    run.logMetrics(Map.of("train_loss", loss, "val_accuracy", accuracy), epoch);
                }
            }
            run.logMetric("test_accuracy", accuracy);
            Path modelDir = workDir.resolve("cnn-model");
            Files.createDirectories(modelDir);
            model.setProperty("Epoch", Integer.toString(settings.epochs()));
            model.save(modelDir, "cnn");
            CnnModelFile.write(modelDir, settings.filters(), train);
            run.logArtifact(modelDir, MODEL_ARTIFACT_PATH);
            run.flush();
            return accuracy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("training failed: " + e.getMessage(), e);
        }
    }

    private double trainEpoch(Trainer trainer, ArrayDataset trainSet) throws IOException, TranslateException {
        double lossSum = 0;
        int batches = 0;
        for (Batch batch : trainer.iterateDataset(trainSet)) {
            try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(batch.getData());
                NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                collector.backward(loss);
                lossSum += loss.getFloat();
                batches++;
            }
            trainer.step();
        }
        return lossSum / batches;
    }

    private static double accuracy(Trainer trainer, NDManager parent, ImageSet images) {
        long correct = 0;
        for (int from = 0; from < images.size(); from += EVAL_CHUNK) {
            ImageSet chunk = images.slice(from, Math.min(images.size(), from + EVAL_CHUNK));
            try (NDManager scope = parent.newSubManager()) {
                NDArray x = scope.create(chunk.pixels(), new Shape(chunk.size(), 1, chunk.height(), chunk.width()));
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                NDArray predicted = logits.argMax(1).toType(DataType.INT64, false);
                NDArray truth = scope.create(chunk.labels()).toType(DataType.INT64, false);
                correct += predicted.eq(truth).toType(DataType.INT64, false).sum().getLong();
            }
        }
        return (double) correct / images.size();
    }

    private ArrayDataset dataset(NDManager manager, ImageSet images, boolean shuffle) {
        NDArray x = manager.create(images.pixels(), new Shape(images.size(), 1, images.height(), images.width()));
        NDArray y = manager.create(images.labelsAsFloats());
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(settings.batchSize(), shuffle).build();
    }
}

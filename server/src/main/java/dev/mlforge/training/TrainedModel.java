package dev.mlforge.training;

import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * The result of one training: the Tribuo model, the parameters used, evaluation metrics on the held-out data,
 * Tribuo's provenance as JSON text, and (for classifiers) the confusion matrix.
 *
 * @param metrics        {@code accuracy, macro_f1, log_loss, precision_<label>, recall_<label>, f1_<label>} for
 *                       classifiers; {@code rmse, mae, r2} for regression; {@code normalized_mi, adjusted_mi} for clustering
 * @param featureNames   the model's input features in Tribuo's id order (the ONNX input column order)
 * @param outputLabels   for classifiers, the labels in Tribuo's id order (the ONNX output column order)
 * @param confusion      null unless the task is classification
 */
public record TrainedModel(
        String trainer,
        TaskType task,
        Model<?> model,
        ResolvedParameters parameters,
        Map<String, Double> metrics,
        String provenanceJson,
        List<String> featureNames,
        List<String> outputLabels,
        ConfusionMatrix confusion,
        String trainingData,
        long trainingRows,
        long evaluationRows) {}

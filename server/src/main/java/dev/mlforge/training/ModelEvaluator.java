package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/** Evaluates a saved model on a table with the same metrics as training (classification and regression). */
public final class ModelEvaluator {
    private ModelEvaluator() {}

    /** Loads {@code model.tribuo} from a model folder written by {@link ModelSaver}. */
    public static Model<?> load(Path modelDirectory) {
        Path file = modelDirectory.resolve("model.tribuo");
        try {
            return Model.deserializeFromFile(file);
        } catch (java.io.IOException | RuntimeException e) {
            throw MlforgeException.invalidParameter("Cannot load a Tribuo model from " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Double> evaluate(Model<?> model, TabularData data) {
        if (model.validate(Label.class)) {
            Model<Label> classifier = (Model<Label>) model;
            var dataset = data.classification();
            List<Prediction<Label>> predictions = classifier.predict(dataset);
            var evaluation = new LabelEvaluator().evaluate(classifier, predictions, dataset.getProvenance());
            List<String> labels = new ArrayList<>();
            classifier.getOutputIDInfo().forEach(pair -> labels.add(pair.getB().getLabel()));
            return ClassificationTrainer.metrics(classifier, evaluation, predictions, labels);
        }
        if (model.validate(Regressor.class)) {
            RegressionEvaluation evaluation = new RegressionEvaluator().evaluate((Model<Regressor>) model, data.regression());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("rmse", evaluation.averageRMSE());
            metrics.put("mae", evaluation.averageMAE());
            metrics.put("r2", evaluation.averageR2());
            return metrics;
        }
        throw MlforgeException.invalidParameter("Model " + model.getName() + " is neither a classifier nor a regressor;"
                + " only those can be evaluated on a labelled table");
    }
}

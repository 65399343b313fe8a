package dev.mlforge.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/** A Tribuo classification trainer built from declared parameters, evaluated with Tribuo's label metrics. */
record ClassificationTrainer(String name, List<ParameterSpec> parameters, Function<ResolvedParameters, Trainer<Label>> factory)
        implements ModelTrainer {
    ClassificationTrainer {
        parameters = List.copyOf(parameters);
    }

    @Override
    public TaskType task() {
        return TaskType.CLASSIFICATION;
    }

    @Override
    public TrainedModel train(TabularData train, TabularData evaluation, Map<String, ?> given) {
        ResolvedParameters resolved = ResolvedParameters.resolve(name, parameters, given);
        Dataset<Label> trainSet = train.classification();
        Dataset<Label> testSet = evaluation.classification();
        Model<Label> model = factory.apply(resolved).train(trainSet);
        List<Prediction<Label>> predictions = model.predict(testSet);
        LabelEvaluation evaluationResult = new LabelEvaluator().evaluate(model, predictions, testSet.getProvenance());
        List<String> labels = new ArrayList<>();
        model.getOutputIDInfo().forEach(pair -> labels.add(pair.getB().getLabel()));
        return new TrainedModel(name, TaskType.CLASSIFICATION, model, resolved,
                metrics(model, evaluationResult, predictions, labels), Provenances.json(model), Provenances.featureNames(model),
                labels, confusion(evaluationResult, labels), train.name(), train.rowCount(), evaluation.rowCount());
    }

    static Map<String, Double> metrics(Model<Label> model, LabelEvaluation evaluation, List<Prediction<Label>> predictions,
            List<String> labels) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", evaluation.accuracy());
        metrics.put("macro_f1", evaluation.macroAveragedF1());
        if (model.generatesProbabilities()) {
            metrics.put("log_loss", logLoss(predictions));
        }
        for (String label : labels) {
            Label key = new Label(label);
            metrics.put("precision_" + label, evaluation.precision(key));
            metrics.put("recall_" + label, evaluation.recall(key));
            metrics.put("f1_" + label, evaluation.f1(key));
        }
        return metrics;
    }

    /** Mean negative log probability of the true label, probabilities clipped at 1e-15 as scikit-learn does. */
    static double logLoss(List<Prediction<Label>> predictions) {
        double sum = 0;
        for (Prediction<Label> prediction : predictions) {
            String truth = prediction.getExample().getOutput().getLabel();
            Label scored = prediction.getOutputScores().get(truth);
            double probability = scored == null ? 0.0 : scored.getScore();
            sum -= Math.log(Math.min(Math.max(probability, 1e-15), 1.0 - 1e-15));
        }
        return sum / predictions.size();
    }

    private static ConfusionMatrix confusion(LabelEvaluation evaluation, List<String> labels) {
        long[][] counts = new long[labels.size()][labels.size()];
        for (int truth = 0; truth < labels.size(); truth++) {
            for (int predicted = 0; predicted < labels.size(); predicted++) {
                counts[truth][predicted] = Math.round(evaluation.getConfusionMatrix()
                        .confusion(new Label(labels.get(predicted)), new Label(labels.get(truth))));
            }
        }
        return new ConfusionMatrix(labels, counts);
    }
}

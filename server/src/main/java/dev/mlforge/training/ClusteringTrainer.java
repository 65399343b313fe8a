package dev.mlforge.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.evaluation.ClusteringEvaluation;
import org.tribuo.clustering.evaluation.ClusteringEvaluator;
import org.tribuo.clustering.kmeans.KMeansTrainer;

/**
 * K-means. The label column is ignored for fitting; on the evaluation data it is the ground truth for normalised
 * and adjusted mutual information.
 */
final class ClusteringTrainer implements ModelTrainer {
    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("k", 3, "number of centroids"),
            ParameterSpec.integer("iterations", 50, "maximum Lloyd iterations"),
            ParameterSpec.integer("seed", 12345, "random seed of the k-means++ initialisation"));

    @Override
    public String name() {
        return "kmeans";
    }

    @Override
    public TaskType task() {
        return TaskType.CLUSTERING;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public TrainedModel train(TabularData train, TabularData evaluation, Map<String, ?> given) {
        ResolvedParameters resolved = ResolvedParameters.resolve(name(), PARAMETERS, given);
        List<String> labels = train.distinctLabels();
        KMeansTrainer trainer = new KMeansTrainer(resolved.integer("k"), resolved.integer("iterations"),
                new org.tribuo.math.distance.L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, resolved.seed());
        Model<ClusterID> model = trainer.train(train.clustering(labels));
        ClusteringEvaluation result = new ClusteringEvaluator().evaluate(model, evaluation.clustering(labels));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("normalized_mi", result.normalizedMI());
        metrics.put("adjusted_mi", result.adjustedMI());
        return new TrainedModel(name(), TaskType.CLUSTERING, model, resolved, metrics, Provenances.json(model),
                Provenances.featureNames(model), List.of(), null, train.name(), train.rowCount(), evaluation.rowCount());
    }
}

package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The built-in trainers by name: {@code logistic_regression}, {@code linear_sgd}, {@code cart},
 * {@code random_forest}, {@code kmeans}, {@code linear_regression}. Tribuo 4.3.2 has no boosted trees without
 * XGBoost, which is not a dependency.
 */
public final class Trainers {
    private static final ParameterSpec SEED = ParameterSpec.integer("seed", 12345, "random seed");
    private static final Map<String, ModelTrainer> ALL = new LinkedHashMap<>();
    /** Tribuo logs every SGD epoch at INFO through java.util.logging; held strongly so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        add(new ClassificationTrainer("logistic_regression", List.of(
                ParameterSpec.integer("epochs", 10, "passes over the training data"),
                ParameterSpec.decimal("learning_rate", 1.0, "AdaGrad initial learning rate"),
                ParameterSpec.integer("minibatch", 1, "examples per gradient step"), SEED),
                p -> linearSgd(new LogMulticlass(), p)));
        add(new ClassificationTrainer("linear_sgd", List.of(
                ParameterSpec.choice("loss", "hinge", List.of("hinge", "log"), "hinge (linear SVM) or log (logistic)"),
                ParameterSpec.integer("epochs", 10, "passes over the training data"),
                ParameterSpec.decimal("learning_rate", 1.0, "AdaGrad initial learning rate"),
                ParameterSpec.integer("minibatch", 1, "examples per gradient step"), SEED),
                p -> linearSgd(p.string("loss").equals("log") ? new LogMulticlass() : new Hinge(), p)));
        add(new ClassificationTrainer("cart", List.of(
                ParameterSpec.integer("max_depth", 6, "maximum tree depth"),
                ParameterSpec.decimal("fraction_features", 1.0, "share of features considered at each split"), SEED),
                p -> new CARTClassificationTrainer(p.integer("max_depth"), (float) p.decimal("fraction_features"), p.seed())));
        add(new ClassificationTrainer("random_forest", List.of(
                ParameterSpec.integer("trees", 20, "number of trees"),
                ParameterSpec.integer("max_depth", 8, "maximum depth of each tree"),
                ParameterSpec.decimal("fraction_features", 0.5, "share of features considered at each split (< 1)"), SEED),
                p -> new RandomForestTrainer<>(new CARTClassificationTrainer(p.integer("max_depth"),
                        (float) p.decimal("fraction_features"), p.seed()), new VotingCombiner(), p.integer("trees"), p.seed())));
        add(new ClusteringTrainer());
        add(new RegressionTrainer("linear_regression", List.of(
                ParameterSpec.integer("epochs", 100, "passes over the training data"),
                ParameterSpec.decimal("learning_rate", 1.0, "AdaGrad initial learning rate"), SEED),
                p -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(p.decimal("learning_rate")),
                        p.integer("epochs"), p.seed())));
    }

    private Trainers() {}

    private static void add(ModelTrainer trainer) {
        ALL.put(trainer.name(), trainer);
    }

    private static LinearSGDTrainer linearSgd(LabelObjective objective, ResolvedParameters p) {
        return new LinearSGDTrainer(objective, new AdaGrad(p.decimal("learning_rate"), 0.1), p.integer("epochs"),
                Math.max(1, p.integer("epochs") * 1000), p.integer("minibatch"), p.seed());
    }

    public static ModelTrainer byName(String name) {
        ModelTrainer trainer = ALL.get(name);
        if (trainer == null) {
            throw MlforgeException.invalidParameter("Unknown trainer '" + name + "'; known trainers are " + ALL.keySet());
        }
        return trainer;
    }

    public static List<ModelTrainer> all() {
        return List.copyOf(ALL.values());
    }
}

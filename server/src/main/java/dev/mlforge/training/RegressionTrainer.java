package dev.mlforge.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/** A Tribuo regression trainer evaluated with RMSE, MAE and R². */
record RegressionTrainer(String name, List<ParameterSpec> parameters, Function<ResolvedParameters, Trainer<Regressor>> factory)
        implements ModelTrainer {
    RegressionTrainer {
        parameters = List.copyOf(parameters);
    }

    @Override
    public TaskType task() {
        return TaskType.REGRESSION;
    }

    @Override
    public TrainedModel train(TabularData train, TabularData evaluation, Map<String, ?> given) {
        ResolvedParameters resolved = ResolvedParameters.resolve(name, parameters, given);
        Dataset<Regressor> trainSet = train.regression();
        Dataset<Regressor> testSet = evaluation.regression();
        Model<Regressor> model = factory.apply(resolved).train(trainSet);
        RegressionEvaluation result = new RegressionEvaluator().evaluate(model, testSet);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", result.averageRMSE());
        metrics.put("mae", result.averageMAE());
        metrics.put("r2", result.averageR2());
        return new TrainedModel(name, TaskType.REGRESSION, model, resolved, metrics, Provenances.json(model),
                Provenances.featureNames(model), List.of(train.labelColumn()), null, train.name(), train.rowCount(),
                evaluation.rowCount());
    }
}

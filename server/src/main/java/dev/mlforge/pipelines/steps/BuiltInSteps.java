package dev.mlforge.pipelines.steps;

import dev.mlforge.pipelines.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The built-in step types by their {@code uses:} name. */
public final class BuiltInSteps {
    private BuiltInSteps() {}

    public static Map<String, Supplier<Step>> all() {
        Map<String, Supplier<Step>> steps = new LinkedHashMap<>();
        steps.put("load", LoadStep::new);
        steps.put("validate", ValidateStep::new);
        steps.put("split", SplitStep::new);
        steps.put("featurize", FeaturizeStep::new);
        steps.put("train", TrainStep::new);
        steps.put("evaluate", EvaluateStep::new);
        steps.put("register", RegisterStep::new);
        steps.put("promote", PromoteStep::new);
        steps.put("deploy", DeployStep::new);
        steps.put("features", FeaturesStep::new);
        return steps;
    }
}

package dev.mlforge.pipelines.steps;

import dev.mlforge.models.ModelUri;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;

/** Points {@code with.alias} (default {@code champion}) of {@code with.model_name} at the input {@code version}. */
final class PromoteStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public StepOutputs run(StepContext context) {
        String modelName = context.string("model_name");
        String alias = context.string("alias", "champion");
        String version = String.valueOf(context.inputValue("version"));
        context.services().registrar().setAlias(modelName, alias, version);
        return new StepOutputs()
                .value("alias", alias)
                .value("version", version)
                .value("model_uri", ModelUri.alias(modelName, alias).toString());
    }
}

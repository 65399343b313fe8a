package dev.mlforge.pipelines.steps;

import dev.mlforge.pipelines.Deployer;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;

/**
 * Deploys the input {@code model_uri} (e.g. {@code promote.model_uri}, so the deployment follows the alias) as
 * {@code with.deployment}.
 */
final class DeployStep implements Step {
    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public StepOutputs run(StepContext context) {
        String modelUri = String.valueOf(context.inputValue("model_uri"));
        Deployer.Deployment deployment = context.services().deployer().deploy(context.string("deployment"), modelUri);
        return new StepOutputs()
                .value("deployment", deployment.name())
                .value("model_uri", deployment.modelUri())
                .value("endpoint", deployment.endpoint());
    }
}

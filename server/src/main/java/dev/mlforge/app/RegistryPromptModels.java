package dev.mlforge.app;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.registry.RegistryService;
import dev.mlforge.webhooks.PromptModels;

/** Tells webhooks whether a registered model is a prompt, from the registry's tags of the model. */
final class RegistryPromptModels implements PromptModels {
    private static final String IS_PROMPT_TAG = "mlflow.prompt.is_prompt";

    private final RegistryService registry;

    RegistryPromptModels(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public boolean isPrompt(String modelName) {
        try {
            return "true".equalsIgnoreCase(registry.getRegisteredModel(modelName).tags().get(IS_PROMPT_TAG));
        } catch (MlforgeException gone) {
            return false;
        }
    }
}

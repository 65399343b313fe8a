package dev.mlforge.webhooks;

/**
 * Tells whether a registered model is a prompt (tagged {@code mlflow.prompt.is_prompt}), which decides whether MLflow
 * announces a tag or alias change as a {@code prompt_*} or a {@code model_version_*} event. Filled by the registry in
 * {@code app/}.
 */
@FunctionalInterface
public interface PromptModels {
    /** False when the model is not a prompt or no longer exists. */
    boolean isPrompt(String modelName);
}

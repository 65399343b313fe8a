package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event a webhook subscribes to: an entity and what happened to it.
 *
 * @param entity the proto name of the entity ({@code REGISTERED_MODEL}, {@code MODEL_VERSION}, {@code MODEL_VERSION_TAG},
 *               {@code MODEL_VERSION_ALIAS}, {@code PROMPT}, {@code PROMPT_VERSION}, {@code PROMPT_TAG},
 *               {@code PROMPT_VERSION_TAG}, {@code PROMPT_ALIAS}, {@code BUDGET_POLICY})
 * @param action the proto name of the action ({@code CREATED}, {@code UPDATED}, {@code DELETED}, {@code SET},
 *               {@code EXCEEDED})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEvent(
        @JsonProperty("entity") String entity,
        @JsonProperty("action") String action) {
}

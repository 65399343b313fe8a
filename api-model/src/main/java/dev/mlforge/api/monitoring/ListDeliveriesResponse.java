package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/alerts/{id}/deliveries}.
 *
 * @param deliveries the attempts, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListDeliveriesResponse(
        @JsonProperty("deliveries") List<DeliveryInfo> deliveries) {}

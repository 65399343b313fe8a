package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.CreateDeploymentRequest;
import dev.mlforge.api.serving.DeploymentHistory;
import dev.mlforge.api.serving.DeploymentInfo;
import dev.mlforge.api.serving.DeploymentResponse;
import dev.mlforge.api.serving.FeedbackRequest;
import dev.mlforge.api.serving.ListDeploymentsResponse;
import dev.mlforge.api.serving.TrafficPolicySpec;
import dev.mlforge.api.serving.UpdateDeploymentRequest;
import dev.mlforge.http.Json;
import java.util.List;

/** Translates serving's domain records to the deployment API's wire records ({@code dev.mlforge.api.serving}) and back. */
final class DeploymentWire {
    private DeploymentWire() {}

    static DeploymentResponse response(DeploymentStatus status) {
        return new DeploymentResponse(info(status));
    }

    static ListDeploymentsResponse list(List<DeploymentStatus> statuses) {
        return new ListDeploymentsResponse(statuses.stream().map(DeploymentWire::info).toList());
    }

    static DeploymentInfo info(DeploymentStatus status) {
        Deployment deployment = status.deployment();
        TrafficPolicySpec policy = PolicyJson.toSpec(deployment.policy());
        return new DeploymentInfo(deployment.name(), policy.modelUri(), policy.canary(), policy.shadow(),
                policy.stickyHeader(), deployment.previousPolicy() == null ? null : PolicyJson.toSpec(deployment.previousPolicy()),
                status.ready(), status.versions(), status.error(), deployment.createdAt().toEpochMilli(),
                deployment.updatedAt().toEpochMilli(), policy.features());
    }

    /** The current policy and the earlier ones, newest first: what successive rollbacks restore, in order. */
    static DeploymentHistory history(Deployment deployment) {
        return new DeploymentHistory(deployment.name(), PolicyJson.toSpec(deployment.policy()),
                deployment.previousPolicies().stream().map(PolicyJson::toSpec).toList(), Deployment.HISTORY_LIMIT);
    }

    /** The feedback's label as a JSON value; null when absent. */
    static JsonNode label(FeedbackRequest request) {
        return request.label() == null ? null : Json.mapper().valueToTree(request.label());
    }

    /** The policy a create request asks for. */
    static TrafficPolicy policy(CreateDeploymentRequest request) {
        return PolicyJson.policy(new TrafficPolicySpec(request.modelUri(), request.canary(), request.shadow(),
                request.stickyHeader(), request.features()), null, PolicyJson.Changes.ALL);
    }

    /** {@code current} changed by a PATCH; {@code sent} says which fields the body named (a sent null removes). */
    static TrafficPolicy policy(UpdateDeploymentRequest request, PolicyJson.Changes sent, TrafficPolicy current) {
        return PolicyJson.policy(new TrafficPolicySpec(request.modelUri(), request.canary(), request.shadow(),
                request.stickyHeader(), request.features()), current, sent);
    }
}

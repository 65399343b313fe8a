package dev.mlforge.registry;

import java.util.List;
import java.util.Set;

/**
 * Which changes of a registered model need an approved transition request.
 *
 * @param protectedStages  moving a version into or out of these stages needs approval
 * @param protectedAliases setting, moving or deleting these aliases needs approval
 * @param gates            conditions on the version's run checked before approval, e.g. {@code metrics.accuracy >= 0.9}
 * @param requireSecondApprover a two-person rule: the approver must be an authenticated {@link Actor} other than the
 *                         requester. The server authenticates no one yet, so under such a rule every approval is
 *                         refused (PERMISSION_DENIED) until authentication lands; without it, the approver's name is
 *                         only compared with the requester's as sent, which guards against a slip, not against anyone
 *                         who sends another name.
 */
public record ApprovalRuleEntity(String modelName, Set<Stage> protectedStages, Set<String> protectedAliases, List<MetricGate> gates,
        boolean requireSecondApprover, String userId, long lastUpdatedTimestamp) {

    boolean protects(Stage stage) {
        return protectedStages.contains(stage);
    }

    boolean protectsAlias(String alias) {
        return protectedAliases.contains(alias);
    }
}

package dev.mlforge.registry;

import java.util.List;
import java.util.Set;

/**
 * Which changes of a registered model need an approved transition request.
 *
 * @param protectedStages  moving a version into or out of these stages needs approval
 * @param protectedAliases setting, moving or deleting these aliases needs approval
 * @param gates            conditions on the version's run checked before approval, e.g. {@code metrics.accuracy >= 0.9}
 */
public record ApprovalRule(String modelName, Set<Stage> protectedStages, Set<String> protectedAliases, List<MetricGate> gates,
        String userId, long lastUpdatedTimestamp) {

    boolean protects(Stage stage) {
        return protectedStages.contains(stage);
    }

    boolean protectsAlias(String alias) {
        return protectedAliases.contains(alias);
    }
}

package dev.mlforge.registry;

import java.util.List;
import java.util.Optional;

/** Persistence of approval rules and transition requests. */
interface ApprovalStore {
    Optional<ApprovalRuleEntity> rule(String modelName);

    ApprovalRuleEntity saveRule(ApprovalRuleEntity rule);

    TransitionRequestEntity createRequest(String modelName, int version, String targetKind, String target, boolean archiveExisting,
            String comment, String user, long now);

    Optional<TransitionRequestEntity> findRequest(long id);

    /** Requests of {@code modelName} (all models when null), optionally with {@code status}, newest first. */
    List<TransitionRequestEntity> requests(String modelName, String status);

    /** Marks a pending request approved or rejected; INVALID_PARAMETER_VALUE when it was already decided. */
    TransitionRequestEntity decide(long id, String status, String user, String comment, long now);
}

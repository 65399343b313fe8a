package dev.mlforge.registry;

/**
 * A request to move a protected stage or alias, applied only once approved.
 *
 * @param targetKind {@code stage} or {@code alias}
 * @param target     the stage's canonical name or the alias
 * @param status     {@code PENDING}, {@code APPROVED} or {@code REJECTED}
 */
public record TransitionRequestEntity(long id, String modelName, int version, String targetKind, String target,
        boolean archiveExistingVersions, String status, String comment, String requestedBy, long creationTimestamp,
        String decidedBy, String decisionComment, Long decisionTimestamp) {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
}

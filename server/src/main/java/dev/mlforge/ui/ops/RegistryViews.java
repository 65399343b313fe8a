package dev.mlforge.ui.ops;

import dev.mlforge.ui.Frame;
import java.util.List;

/** The records the registry and lineage templates render (one per page, plus their rows). */
public final class RegistryViews {
    private RegistryViews() {}

    /** The registered models, and every pending approval request with its approve and reject buttons. */
    public record ModelsPage(Frame frame, String filter, String error, List<ModelRow> models, List<RequestRow> pending,
            boolean canWrite, String nextHref) {}

    public record ModelRow(String name, String href, String description, String latestVersion, String aliases,
            String stages, String updated) {}

    /**
     * One approval request.
     *
     * @param target what it moves, e.g. {@code stage Production} or {@code alias @champion}
     */
    public record RequestRow(long id, String model, int version, String versionHref, String target, String status,
            String requestedBy, String created, String comment, String decidedBy, String decisionComment, boolean decidable) {
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    /** A registered model: its versions, aliases, approval rule and requests. */
    public record ModelPage(Frame frame, String name, String description, List<Fact> aliases, List<VersionRow> versions,
            String approvalRule, List<RequestRow> requests, boolean canWrite, boolean canDelete) {
        /** The body of the API call that deletes the model. */
        public String deleteBody() {
            return dev.mlforge.http.Json.mapper().createObjectNode().put("name", name).toString();
        }
    }

    public record VersionRow(int version, String href, String stage, String aliases, String status, String created,
            String runId, String runHref, String source) {}

    /** A label and its value; {@code href} when the value leads somewhere. */
    public record Fact(String label, String value, String href) {
        static Fact of(String label, String value) {
            return new Fact(label, value == null ? "" : value, null);
        }
    }

    /** A model version: what it is, its files' integrity, its history, requests, model card and lineage. */
    public record VersionPage(Frame frame, String name, int version, String modelHref, List<Fact> facts, List<Fact> tags,
            String flavors, String signature, Integrity integrity, List<HistoryRow> history, List<RequestRow> requests,
            String modelCard, GraphView lineage, boolean canWrite) {}

    /**
     * The result of re-hashing a version's files against the manifest taken at registration.
     *
     * @param state {@code intact}, {@code changed} or {@code pending} (files not uploaded yet)
     */
    public record Integrity(String state, String summary, List<String> modified, List<String> missing, List<String> added) {}

    /** One stage or alias change. */
    public record HistoryRow(String time, String change, String user, String comment) {}

    /** The lineage graph of a version, a logged model or a dataset, with the versions to pick from. */
    public record LineagePage(Frame frame, String subject, String error, GraphView graph, List<Fact> choices) {}
}

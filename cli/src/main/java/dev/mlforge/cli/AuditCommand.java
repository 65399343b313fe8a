package dev.mlforge.cli;

import dev.mlforge.api.audit.AuditRecord;
import dev.mlforge.api.audit.ListAuditRecordsResponse;
import dev.mlforge.api.audit.VerifyAuditResponse;
import dev.mlforge.audit.Audit;
import dev.mlforge.audit.AuditVerification;
import dev.mlforge.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge audit ...}: {@code list} reads the trail over HTTP like every client command; {@code verify} opens the
 * store itself, so a stopped server's trail (or a copy of its database) can be checked without trusting a server.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List the audit trail of state-changing and refused requests, and verify its hash chain.")
final class AuditCommand {
    /** Exit code of {@code verify} when the chain is broken (2 stays for usage and store errors). */
    static final int BROKEN = 1;

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit records, newest first (admin role).")
    int list(@Mixin ClientOptions options,
            @Option(names = "--user", description = "Only this identity's records.") String user,
            @Option(names = "--action", description = "Only actions containing this text (DELETE, /registered-models/).") String action,
            @Option(names = "--resource", description = "Only records naming this resource (name=value, or a bare value).") String resource,
            @Option(names = "--outcome", description = "success, failure, an HTTP status or an error code.") String outcome,
            @Option(names = "--from", description = "Earliest time (ms since the epoch or ISO-8601).") String from,
            @Option(names = "--to", description = "Latest time (ms since the epoch or ISO-8601).") String to,
            @Option(names = "--max-results", defaultValue = "100", description = "Records per page (1 to 1000, default 100).") int maxResults,
            @Option(names = "--page-token", description = "The token printed after the previous page.") String pageToken) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("user", user);
        filters.put("action", action);
        filters.put("resource", resource);
        filters.put("outcome", outcome);
        filters.put("from", from);
        filters.put("to", to);
        filters.put("max_results", maxResults);
        filters.put("page_token", pageToken);
        ListAuditRecordsResponse page = options.client().audit().list(filters);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, page);
            return 0;
        }
        Table table = new Table("SEQ", "TIME", "USER", "ACTION", "RESOURCE", "STATUS", "SOURCE", "REQUEST ID");
        for (AuditRecord record : page.records()) {
            String user0 = record.authenticated() ? record.user() : record.user() + " (unauthenticated)";
            String status = record.errorCode() == null ? String.valueOf(record.status()) : record.status() + " " + record.errorCode();
            table.row(record.seq(), Instant.ofEpochMilli(record.timestampMs()), user0, record.action(), record.resource(),
                    status, record.sourceAddress(), record.requestId());
        }
        table.print(out);
        if (page.nextPageToken() != null) {
            out.println("More records: --page-token " + page.nextPageToken());
        }
        out.flush();
        return 0;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit chain in a store directly (the server may be stopped); exit code 1 when broken.")
    int verify(
            @Option(names = "--data-dir", defaultValue = "./mlforge-data",
                    description = "The server's data dir holding mlforge.db (default ./mlforge-data).") Path dataDir,
            @Option(names = "--backend-store-uri", description = "The store, when not the data dir's SQLite file "
                    + "(postgresql://user:password@host:5432/db).") String storeUri,
            @Option(names = "--json", description = "Print the verdict as the API's JSON.") boolean json) {
        if (storeUri == null && !Files.isRegularFile(dataDir.resolve("mlforge.db"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No mlforge store in " + dataDir
                    + " (no mlforge.db): pass the server's --data-dir, or --backend-store-uri");
        }
        AuditVerification verdict;
        try (Database database = Database.open(storeUri, dataDir)) {
            verdict = Audit.verify(database);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ClientOptions.printJson(out, new VerifyAuditResponse(verdict.valid(), verdict.recordsChecked(),
                    verdict.firstBadSeq(), verdict.reason()));
        } else if (verdict.valid()) {
            out.println("Audit chain intact: " + verdict.recordsChecked() + " records checked");
        } else {
            out.println("Audit chain BROKEN at record " + verdict.firstBadSeq() + ": " + verdict.reason()
                    + " (" + verdict.recordsChecked() + " records checked)");
        }
        out.flush();
        return verdict.valid() ? 0 : BROKEN;
    }
}

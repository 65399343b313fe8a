package dev.mlforge.audit;

import dev.mlforge.api.audit.AuditRecord;
import dev.mlforge.api.audit.ListAuditRecordsResponse;
import dev.mlforge.api.audit.VerifyAuditResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit} (filters {@code user}, {@code action}, {@code resource}, {@code outcome}, {@code from},
 * {@code to}, {@code page_token}, {@code max_results}) and {@code GET /api/v1/audit/verify}, for admins only; answers
 * are the api-model records of {@code dev.mlforge.api.audit}.
 */
final class AuditRoutes implements Routes {
    private static final String BASE = "/api/v1/audit";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final AuditService service;

    AuditRoutes(AuditService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(BASE, this::list, Role.ADMIN);
        routes.get(BASE + "/verify", ctx -> ctx.json(wire(service.verify())), Role.ADMIN);
    }

    private void list(Context ctx) {
        AuditFilter filter = new AuditFilter(blankToNull(ctx.queryParam("user")), blankToNull(ctx.queryParam("action")),
                blankToNull(ctx.queryParam("resource")), Outcome.parse(ctx.queryParam("outcome")),
                time(ctx, "from"), time(ctx, "to"), pageToken(ctx.queryParam("page_token")), maxResults(ctx));
        AuditService.AuditPage page = service.list(filter);
        ctx.json(new ListAuditRecordsResponse(page.records().stream().map(AuditRoutes::wire).toList(),
                page.nextBeforeSeq() == null ? null : page.nextBeforeSeq().toString()));
    }

    /** Milliseconds since the epoch, or an ISO-8601 instant ({@code 2026-12-03T10:15:30Z}). */
    private static Instant time(Context ctx, String name) {
        String text = blankToNull(ctx.queryParam(name));
        if (text == null) {
            return null;
        }
        if (DIGITS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw MlforgeException.invalidParameter("Invalid value '" + text + "' for parameter '" + name
                    + "': use milliseconds since the epoch or an ISO-8601 instant such as 2026-12-03T10:15:30Z");
        }
    }

    private static Long pageToken(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!DIGITS.matcher(text).matches()) {
            throw MlforgeException.invalidParameter("Invalid page_token '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static int maxResults(Context ctx) {
        String text = blankToNull(ctx.queryParam("max_results"));
        if (text == null) {
            return AuditService.DEFAULT_MAX_RESULTS;
        }
        if (!DIGITS.matcher(text).matches() || text.length() > 9) {
            throw MlforgeException.invalidParameter("'max_results' must be a whole number, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    static AuditRecord wire(AuditRecordEntity record) {
        AuditEvent event = record.event();
        return new AuditRecord(record.seq(), event.time().toEpochMilli(), event.user(), event.authenticated(),
                event.action(), event.resource(), event.sourceAddress(), event.status(), event.errorCode(),
                event.requestId(), record.prevHash(), record.hash());
    }

    static VerifyAuditResponse wire(AuditVerification verification) {
        return new VerifyAuditResponse(verification.valid(), verification.recordsChecked(), verification.firstBadSeq(),
                verification.reason());
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag audit = ApiDoc.tag("Audit");
        return List.of(
                audit.get(BASE, "List the hash-chained audit trail, newest first (administrators)")
                        .query("user", "the user name")
                        .query("action", "a part of the action, e.g. \"DELETE /api/v1/deployments\"")
                        .query("resource", "a name=value pair or a bare value of the resource")
                        .query("outcome", "success, failure, an HTTP status or an error code")
                        .query("from", "epoch ms or ISO-8601, inclusive")
                        .query("to", "epoch ms or ISO-8601, exclusive").query("page_token", "from the previous page")
                        .query("max_results", "1 to 1000 (default 100)").response(ListAuditRecordsResponse.class),
                audit.get(BASE + "/verify", "Verify the chain: detects an edited, deleted or reordered record (administrators)")
                        .response(VerifyAuditResponse.class));
    }
}

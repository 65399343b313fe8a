package dev.mlforge.serving;

import dev.mlforge.api.serving.ListPredictionsResponse;
import dev.mlforge.api.serving.ShadowComparisonResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/deployments/{name}/predictions} (the prediction log with feedback, as JSON pages, CSV or
 * Parquet) and {@code GET /api/v1/deployments/{name}/shadow-comparison}: thin HTTP over {@link PredictionReadBack}.
 */
final class PredictionLogRoutes implements Routes {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 10_000;
    static final int MAX_EXPORT = 50_000;

    private final PredictionReadBack readBack;

    PredictionLogRoutes(PredictionReadBack readBack) {
        this.readBack = readBack;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/deployments/{name}/predictions", this::predictions, Role.READ);
        routes.get("/api/v1/deployments/{name}/shadow-comparison", ctx -> ctx.json(readBack.compareShadow(
                ctx.pathParam("name"), time(ctx, "start_time"), time(ctx, "end_time"), tolerance(ctx),
                whole(ctx, "max_disagreements", 20, 0, 1_000))), Role.READ);
    }

    private void predictions(Context ctx) throws IOException {
        String format = format(ctx, "json");
        boolean export = !format.equals("json");
        PredictionReadBack.Page page = readBack.page(query(ctx, export));
        String next = page.next() == null ? null : PredictionPage.encode(page.next());
        if (!export) {
            ctx.json(new ListPredictionsResponse(page.rows().stream().map(PredictionExport::entry).toList(), next));
            return;
        }
        if (next != null) {
            ctx.header("X-Next-Page-Token", next);
        }
        ctx.contentType(contentType(format));
        ctx.header("Content-Disposition", "attachment; filename=\"predictions." + format + "\"");
        ctx.result(exported(page.rows(), format));
    }

    /** The {@code format} query parameter: json, csv or parquet ({@code fallback} when absent). */
    static String format(Context ctx, String fallback) {
        String format = ctx.queryParam("format") == null ? fallback : ctx.queryParam("format").strip().toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv") && !format.equals("parquet")) {
            throw MlforgeException.invalidParameter("Query parameter 'format' must be json, csv or parquet, got '"
                    + ctx.queryParam("format") + "'");
        }
        return format;
    }

    /** The read-back query of the request's parameters; an export reads up to {@link #MAX_EXPORT} rows at once. */
    static PredictionQuery query(Context ctx, boolean export) {
        int limit = export ? whole(ctx, "max_results", MAX_EXPORT, 1, MAX_EXPORT) : whole(ctx, "max_results", DEFAULT_PAGE, 1, MAX_PAGE);
        return new PredictionQuery(ctx.pathParam("name"), time(ctx, "start_time"), time(ctx, "end_time"),
                ctx.queryParam("version"), shadow(ctx), PredictionPage.decode(ctx.queryParam("page_token")), limit);
    }

    static String contentType(String format) {
        return format.equals("csv") ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet";
    }

    /** The rows as a CSV or Parquet file. */
    static byte[] exported(java.util.List<StoredPrediction> rows, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (format.equals("csv")) {
            PredictionExport.csv(rows, new OutputStreamWriter(body, StandardCharsets.UTF_8));
        } else {
            PredictionExport.parquet(rows, body);
        }
        return body.toByteArray();
    }

    /** Milliseconds since the epoch, or an ISO-8601 instant; null when absent. */
    static Instant time(Context ctx, String parameter) {
        String text = ctx.queryParam(parameter);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.strip().chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text.strip()))
                    : Instant.parse(text.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw MlforgeException.invalidParameter("Query parameter '" + parameter
                    + "' must be milliseconds since the epoch or an ISO-8601 instant, got '" + text + "'");
        }
    }

    private static Boolean shadow(Context ctx) {
        String text = ctx.queryParam("shadow");
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw MlforgeException.invalidParameter("Query parameter 'shadow' must be true or false, got '" + text + "'");
        };
    }

    private static double tolerance(Context ctx) {
        String text = ctx.queryParam("tolerance");
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            double tolerance = Double.parseDouble(text.strip());
            if (tolerance >= 0 && Double.isFinite(tolerance)) {
                return tolerance;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MlforgeException.invalidParameter("Query parameter 'tolerance' must be a number of 0 or more, got '" + text + "'");
    }

    private static int whole(Context ctx, String parameter, int fallback, int min, int max) {
        String text = ctx.queryParam(parameter);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MlforgeException.invalidParameter("Query parameter '" + parameter + "' must be a whole number from " + min
                + " to " + max + ", got '" + text + "'");
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag predictionLog = ApiDoc.tag("Prediction log");
        return List.of(
                predictionLog.get("/api/v1/deployments/{name}/predictions", "Read the prediction log back, newest first, with feedback")
                        .query("start_time", "Oldest answer time included.")
                        .query("end_time", "Answers from this time on are left out.")
                        .query("version", "Only this model version's answers.")
                        .query("shadow", "true: only shadow answers; false: only the answers callers got.")
                        .query("max_results", "Page size: default 100, at most 10,000 (csv and parquet: default and at most 50,000).")
                        .query("page_token", "The next_page_token (or X-Next-Page-Token header) of the previous page.")
                        .query("format", "json (pages), csv or parquet (a file of the same columns).")
                        .response(ListPredictionsResponse.class).orResponse("text/csv")
                        .orResponse("application/vnd.apache.parquet")
                        .status(200, "A page (format=json), or the rows as a CSV or Parquet file; X-Next-Page-Token names the next page of an export"),
                predictionLog.get("/api/v1/deployments/{name}/shadow-comparison", "Compare the shadow's answers with the primary's")
                        .query("start_time", "The window's start.").query("end_time", "The window's end (exclusive).")
                        .query("tolerance", "Numbers this close still agree (default 0).")
                        .query("max_disagreements", "How many disagreeing rows to list (default 20, at most 1,000).")
                        .response(ShadowComparisonResponse.class));
    }
}

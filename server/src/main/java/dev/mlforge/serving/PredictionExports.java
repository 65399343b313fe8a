package dev.mlforge.serving;

import dev.mlforge.api.serving.PredictionExportResponse;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Feature;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Prediction log exports stored through the artifact repository, at {@code prediction-exports/<deployment>/<id>.csv}
 * or {@code .parquet}: with an S3 destination they land in S3, and every replica serves them.
 * {@code POST /api/v1/deployments/{name}/predictions/exports} writes one (the filters and formats of the read-back
 * route, csv by default) and answers its id; {@code GET /api/v1/deployments/{name}/predictions/exports/{id}}
 * downloads it.
 */
public final class PredictionExports implements Feature, Routes {
    static final String ROOT = "prediction-exports";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final PredictionReadBack readBack;
    private final ArtifactRepository artifacts;

    public PredictionExports(Serving serving, ArtifactRepository artifacts) {
        this.readBack = serving.readBack();
        this.artifacts = artifacts;
    }

    @Override
    public List<Routes> routes() {
        return List.of(this);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/deployments/{name}/predictions/exports", this::create, Role.READ);
        routes.get("/api/v1/deployments/{name}/predictions/exports/{id}", this::download, Role.READ);
    }

    private void create(Context ctx) throws IOException {
        String format = PredictionLogRoutes.format(ctx, "csv");
        if (format.equals("json")) {
            throw MlforgeException.invalidParameter("Query parameter 'format' of an export must be csv or parquet, got 'json'");
        }
        PredictionReadBack.Page page = readBack.page(PredictionLogRoutes.query(ctx, true));
        String name = ctx.pathParam("name");
        String id = UUID.randomUUID().toString().replace("-", "");
        String path = path(name, id, format);
        long bytes = artifacts.write(path, new ByteArrayInputStream(PredictionLogRoutes.exported(page.rows(), format)));
        ctx.json(new PredictionExportResponse(new PredictionExportResponse.PredictionExport(id, name, format,
                page.rows().size(), bytes, path, page.next() == null ? null : PredictionPage.encode(page.next()))));
    }

    private void download(Context ctx) {
        String name = ctx.pathParam("name");
        String id = ctx.pathParam("id");
        if (!DEPLOYMENT.matcher(name).matches()) {
            throw MlforgeException.notFound("Deployment '" + name + "' does not exist");
        }
        if (!ID.matcher(id).matches()) {
            throw MlforgeException.invalidParameter("Invalid export id '" + id + "': expected 32 hexadecimal digits");
        }
        for (String format : List.of("csv", "parquet")) {
            String path = path(name, id, format);
            if (artifacts.exists(path)) {
                InputStream in = artifacts.read(path);
                ctx.contentType(PredictionLogRoutes.contentType(format));
                ctx.header("Content-Disposition", "attachment; filename=\"predictions-" + id + "." + format + "\"");
                ctx.result(in);
                return;
            }
        }
        throw MlforgeException.notFound("Export '" + id + "' of deployment '" + name + "' does not exist");
    }

    private static String path(String deployment, String id, String format) {
        return ROOT + "/" + deployment + "/" + id + "." + format;
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag predictionLog = ApiDoc.tag("Prediction log");
        return List.of(
                predictionLog.post("/api/v1/deployments/{name}/predictions/exports", "Export the prediction log as a file in the artifact store (S3 with an S3 destination)")
                        .query("format", "csv (default) or parquet.").query("start_time", "").query("end_time", "")
                        .query("version", "").query("shadow", "")
                        .query("max_results", "At most 50,000 rows per export (default 50,000).")
                        .query("page_token", "").response(PredictionExportResponse.class).status(200, "The export written")
                        .describedAs("The filters of GET /api/v1/deployments/{name}/predictions (start_time, end_time, version, shadow, max_results, page_token); the file is written to prediction-exports/{name}/{id}.csv or .parquet."),
                predictionLog.get("/api/v1/deployments/{name}/predictions/exports/{id}", "Download a prediction log export from the artifact store")
                        .response("text/csv").orResponse("application/vnd.apache.parquet")
                        .status(200, "The CSV or Parquet file"));
    }
}

package dev.mlforge.datasets;

import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.datasets.ListDatasetVersionsResponse;
import dev.mlforge.api.datasets.ListDatasetsResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/v1/datasets}: register CSV versions, list them, read a version's schema and profile, download it. Answers
 * are the api-model records of {@code dev.mlforge.api.datasets}, built by {@link DatasetWire}.
 */
public final class DatasetRoutes implements Routes {
    private static final String BASE = "/api/v1/datasets";

    private final DatasetService service;

    public DatasetRoutes(DatasetService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, this::register, Role.WRITE);
        routes.get(BASE, ctx -> ctx.json(DatasetWire.datasets(service.datasets())), Role.READ);
        routes.get(BASE + "/{name}/versions", ctx -> ctx.json(DatasetWire.versions(service.versions(ctx.pathParam("name")))),
                Role.READ);
        routes.get(BASE + "/{name}/versions/{version}", ctx -> ctx.json(DatasetWire.versionResponse(
                service.version(ctx.pathParam("name"), ctx.pathParam("version")))), Role.READ);
        routes.get(BASE + "/{name}/versions/{version}/content", ctx -> {
            DatasetVersionEntity version = service.version(ctx.pathParam("name"), ctx.pathParam("version"));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"" + version.name() + "-v" + version.version() + ".csv\"");
            ctx.header("ETag", "\"" + version.sha256() + "\"");
            ctx.result(service.open(version));
        }, Role.READ);
    }

    /**
     * Streams the CSV body into the service; no request size limit applies. The HTTP door admits only
     * {@code text/csv} here (a multipart form is what a browser sends cross-site without asking).
     */
    private void register(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        if (name == null) {
            throw MlforgeException.invalidParameter("Missing query parameter 'name' for a raw CSV body");
        }
        DatasetVersionEntity version = service.register(name, ctx.bodyInputStream());
        ctx.status(201).json(DatasetWire.versionResponse(version));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag datasets = ApiDoc.tag("Datasets");
        return List.of(
                datasets.get(BASE, "List datasets with their latest version").response(ListDatasetsResponse.class),
                datasets.post(BASE, "Register a CSV file as a dataset version (content-addressed)")
                        .requiredQuery("name", "The dataset name.").request("text/csv").response(DatasetVersionResponse.class)
                        .also(404, ""),
                datasets.get(BASE + "/{name}/versions", "A dataset's versions, oldest first")
                        .response(ListDatasetVersionsResponse.class),
                datasets.get(BASE + "/{name}/versions/{version}", "A version with its schema and profile (number, latest or digest)")
                        .response(DatasetVersionResponse.class),
                datasets.get(BASE + "/{name}/versions/{version}/content", "A version's CSV content (ETag: its SHA-256)")
                        .response("text/csv"));
    }
}

package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** {@code /api/v1/datasets}: register CSV versions, list them, read a version's schema and profile, download it. */
public final class DatasetRoutes implements Routes {
    private static final String BASE = "/api/v1/datasets";

    private final DatasetService service;

    public DatasetRoutes(DatasetService service) {
        this.service = service;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, this::register, Role.WRITE);
        routes.get(BASE, ctx -> ctx.json(Map.of("datasets", service.datasets())), Role.READ);
        routes.get(BASE + "/{name}/versions", ctx -> ctx.json(Map.of("versions",
                service.versions(ctx.pathParam("name")).stream().map(DatasetVersion::withoutProfile).toList())), Role.READ);
        routes.get(BASE + "/{name}/versions/{version}", ctx -> {
            DatasetVersion version = service.version(ctx.pathParam("name"), ctx.pathParam("version"));
            ctx.json(Map.of("dataset_version", version, "mlflow_dataset", DatasetService.asMlflowDataset(version)));
        }, Role.READ);
        routes.get(BASE + "/{name}/versions/{version}/content", ctx -> {
            DatasetVersion version = service.version(ctx.pathParam("name"), ctx.pathParam("version"));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"" + version.name() + "-v" + version.version() + ".csv\"");
            ctx.header("ETag", "\"" + version.sha256() + "\"");
            ctx.result(service.open(version));
        }, Role.READ);
    }

    /** Streams the CSV (raw body or multipart part {@code file}) into the service; no request size limit applies. */
    private void register(Context ctx) throws IOException {
        String name = ctx.queryParam("name");
        DatasetVersion version;
        if (ctx.isMultipartFormData()) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw MlforgeException.invalidParameter("Multipart upload needs a part named 'file' holding the CSV");
            }
            if (name == null) {
                name = ctx.formParam("name");
            }
            if (name == null) {
                name = file.filename().replaceFirst("\\.csv$", "");
            }
            try (InputStream in = file.content()) {
                version = service.register(name, in);
            }
        } else {
            if (name == null) {
                throw MlforgeException.invalidParameter("Missing query parameter 'name' for a raw CSV body");
            }
            version = service.register(name, ctx.bodyInputStream());
        }
        ctx.status(201).json(Map.of("dataset_version", version, "mlflow_dataset", DatasetService.asMlflowDataset(version)));
    }
}

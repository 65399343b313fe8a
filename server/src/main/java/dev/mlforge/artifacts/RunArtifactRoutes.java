package dev.mlforge.artifacts;

import dev.mlforge.api.tracking.ListArtifactsRequest;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-scoped artifact routes of MLflow's tracking API: {@code GET artifacts/list} (paths relative to the
 * run's artifact root, as MLflow answers them) and the UI's {@code get-artifact} download. The run's artifact
 * URI comes from a {@link RunArtifactLocator}; it must be one of the {@link ArtifactUris} this server stores.
 */
public final class RunArtifactRoutes implements Routes {
    private final ArtifactRepository repository;
    private final RunArtifactLocator locator;

    public RunArtifactRoutes(ArtifactRepository repository, RunArtifactLocator locator) {
        this.repository = repository;
        this.locator = locator;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : new String[] {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
            routes.get(prefix + "/artifacts/list", this::list, Role.READ);
        }
        routes.get("/get-artifact", this::download, Role.READ);
        routes.get("/ajax-api/2.0/mlflow/get-artifact", this::download, Role.READ);
    }

    private void list(Context ctx) {
        ListArtifactsRequest request = MlflowRequest.read(ctx, ListArtifactsRequest.class);
        String path = ArtifactPaths.normalize(request.path());
        // page_token is accepted and not needed: one page holds every entry of a local listing.
        String runId = MlflowRequest.required(request.runId(), "run_id");
        String rootUri = locator.artifactUri(runId);
        String directory = ArtifactUris.relativePath(rootUri, path);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("root_uri", rootUri);
        body.put("files", ArtifactRoutes.toJson(repository.list(directory), path));
        ctx.json(body);
    }

    private void download(Context ctx) {
        ListArtifactsRequest request = MlflowRequest.read(ctx, ListArtifactsRequest.class);
        String path = ArtifactPaths.normalize(MlflowRequest.required(request.path(), "path"));
        String runId = MlflowRequest.required(request.runId(), "run_id");
        ArtifactRoutes.sendFile(ctx, repository, ArtifactUris.relativePath(locator.artifactUri(runId), path));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowArtifacts = ApiDoc.tag("MLflow artifacts");
        return List.of(
                mlflowArtifacts.get("/ajax-api/2.0/mlflow/get-artifact", "MLflow GET get-artifact (the UI's ajax-api alias)")
                        .response("application/octet-stream")
                        .also(302, "with artifacts.s3.presigned-downloads: a redirect (Location) to a pre-signed S3 URL of the file")
                        .also(404, ""),
                mlflowArtifacts.get("/get-artifact", "MLflow GET get-artifact").response("application/octet-stream")
                        .also(302, "with artifacts.s3.presigned-downloads: a redirect (Location) to a pre-signed S3 URL of the file")
                        .also(404, ""));
    }
}

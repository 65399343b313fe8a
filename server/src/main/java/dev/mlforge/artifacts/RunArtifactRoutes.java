package dev.mlforge.artifacts;

import dev.mlforge.api.tracking.ListArtifactsRequest;
import dev.mlforge.api.tracking.ListArtifactsResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlflowRequest;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

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
        ctx.json(new ListArtifactsResponse(rootUri, ArtifactRoutes.fileInfos(repository.list(directory), path), null));
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
                mlflowArtifacts.get("/api/2.0/mlflow/artifacts/list", "List the artifacts of a run")
                        .requiredQuery("run_id", "the run's id (run_uuid, the older name, is read too)")
                        .query("path", "the directory to list, relative to the run's artifact root")
                        .query("page_token", "accepted and unused: one page holds every entry")
                        .response(ListArtifactsResponse.class),
                download(mlflowArtifacts.get("/ajax-api/2.0/mlflow/get-artifact", "Download an artifact of a run "
                        + "(the UI's ajax-api alias)")),
                download(mlflowArtifacts.get("/get-artifact", "Download an artifact of a run")));
    }

    private static ApiDoc download(ApiDoc doc) {
        return doc.requiredQuery("run_id", "the run's id (run_uuid, the older name, is read too)")
                .requiredQuery("path", "the file's path relative to the run's artifact root")
                .response("application/octet-stream")
                .also(302, "with artifacts.s3.presigned-downloads: a redirect (Location) to a pre-signed S3 URL of the file")
                .also(404, "");
    }
}

package dev.mlforge.artifacts;

import dev.mlforge.api.tracking.FileInfo;
import dev.mlforge.api.tracking.ListArtifactsResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * A logged model's artifact routes, as MLflow 3 serves them: {@code GET logged-models/{id}/artifacts/directories}
 * (entries named by their path under the model's artifact root) and the UI's {@code artifacts/files} download.
 */
public final class LoggedModelArtifactRoutes implements Routes {
    private final ArtifactRepository repository;
    private final LoggedModelArtifactLocator locator;

    public LoggedModelArtifactRoutes(ArtifactRepository repository, LoggedModelArtifactLocator locator) {
        this.repository = repository;
        this.locator = locator;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : new String[] {"/api/2.0/mlflow/logged-models/", "/ajax-api/2.0/mlflow/logged-models/"}) {
            routes.get(prefix + "{model_id}/artifacts/directories", this::list, Role.READ);
        }
        routes.get("/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files", this::download, Role.READ);
    }

    private void list(Context ctx) {
        String requested = ctx.queryParam("artifact_directory_path");
        String path = ArtifactPaths.normalize(requested == null ? "" : requested);
        String rootUri = locator.artifactUri(ctx.pathParam("model_id"));
        List<FileInfo> files = ArtifactRoutes.fileInfos(repository.list(ArtifactUris.relativePath(rootUri, path)), path);
        // MLflow omits an empty list
        ctx.json(new ListArtifactsResponse(rootUri, files.isEmpty() ? null : files, null));
    }

    private void download(Context ctx) {
        String file = ctx.queryParam("artifact_file_path");
        if (file == null || file.isEmpty()) {
            throw MlforgeException.invalidParameter("Request must include the \"artifact_file_path\" query parameter.");
        }
        String path = ArtifactPaths.normalize(file);
        ArtifactRoutes.sendFile(ctx, repository, ArtifactUris.relativePath(locator.artifactUri(ctx.pathParam("model_id")), path));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowArtifacts = ApiDoc.tag("MLflow artifacts");
        return List.of(
                mlflowArtifacts.get("/api/2.0/mlflow/logged-models/{model_id}/artifacts/directories",
                                "List the artifacts of a logged model")
                        .query("artifact_directory_path", "the directory to list, relative to the model's artifact root")
                        .response(ListArtifactsResponse.class),
                mlflowArtifacts.get("/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files",
                                "Download an artifact of a logged model (the UI's ajax-api route)")
                        .requiredQuery("artifact_file_path", "the file's path relative to the model's artifact root")
                        .response("application/octet-stream")
                        .also(302, "with artifacts.s3.presigned-downloads: a redirect (Location) to a pre-signed S3 URL of the file"));
    }
}

package dev.mlforge.artifacts;

import dev.mlforge.api.EmptyResponse;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.FileInfo;
import dev.mlforge.api.tracking.ListArtifactsResponse;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Role;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's proxied artifact API ({@code mlflow server --serve-artifacts}) under {@code /api/2.0/mlflow-artifacts/}
 * and {@code /ajax-api/2.0/mlflow-artifacts/}: upload, download, list and delete by path relative to the
 * artifact root. Bodies stream straight between the socket and the repository; nothing is buffered whole.
 */
public final class ArtifactRoutes implements Routes {
    private static final Logger log = LoggerFactory.getLogger(ArtifactRoutes.class);
    private static final List<String> PREFIXES = List.of("/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts");
    private static final int BUFFER_BYTES = 256 * 1024;

    private final ArtifactRepository repository;

    public ArtifactRoutes(ArtifactRepository repository) {
        this.repository = repository;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String prefix : PREFIXES) {
            routes.put(prefix + "/artifacts/<path>", this::upload, Role.WRITE);
            routes.get(prefix + "/artifacts/<path>", ctx -> sendFile(ctx, repository, ctx.pathParam("path")), Role.READ);
            routes.delete(prefix + "/artifacts/<path>", this::delete, Role.WRITE);
            routes.get(prefix + "/artifacts", this::list, Role.READ);
        }
    }

    private void upload(Context ctx) throws IOException {
        String path = ArtifactPaths.normalize(ctx.pathParam("path"));
        // The servlet stream, not ctx.body(): Javalin would buffer the body and apply the JSON size limit.
        repository.write(path, ctx.req().getInputStream());
        ctx.json(EmptyResponse.INSTANCE);
    }

    private void delete(Context ctx) {
        repository.delete(ctx.pathParam("path"));
        ctx.json(EmptyResponse.INSTANCE);
    }

    private void list(Context ctx) {
        String path = ArtifactPaths.normalize(ctx.queryParam("path"));
        ctx.json(new ListArtifactsResponse(null, fileInfos(repository.list(path), ""), null));
    }

    /** MLflow's FileInfo: {@code path}, {@code is_dir}, and {@code file_size} for files only. */
    static List<FileInfo> fileInfos(List<ArtifactRepository.ArtifactFile> files, String pathPrefix) {
        List<FileInfo> infos = new ArrayList<>(files.size());
        for (ArtifactRepository.ArtifactFile file : files) {
            infos.add(new FileInfo(pathPrefix.isEmpty() ? file.path() : pathPrefix + "/" + file.path(), file.isDir(),
                    file.isDir() ? null : file.fileSize()));
        }
        return infos;
    }

    /**
     * Streams one artifact file into the response with its length, a Content-Type guessed from its name, and
     * attachment headers (as MLflow sends them, so a browser never renders an artifact on the server's origin).
     */
    static void sendFile(Context ctx, ArtifactRepository repository, String path) {
        String normal = ArtifactPaths.normalize(path);
        String name = normal.substring(normal.lastIndexOf('/') + 1);
        if (redirected(ctx, repository, normal, name)) {
            return;
        }
        // Opening first turns a missing file or a directory into a JSON error before anything is written.
        try (InputStream content = repository.read(normal)) {
            ArtifactRepository.ArtifactFile file = repository.describe(normal);
            ctx.status(200);
            ctx.contentType(ArtifactContentTypes.guess(name));
            ctx.header("Content-Disposition", contentDisposition(name));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.res().setContentLengthLong(file.fileSize());
            copy(content, ctx.res().getOutputStream());
        } catch (IOException e) {
            if (ctx.res().isCommitted()) {
                log.debug("Download of artifact '{}' ended early: {}", normal, e.getMessage());
                return;
            }
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot read artifact '" + normal + "': " + e.getMessage(), e);
        }
    }

    /**
     * Answers 302 to the store's own URL of the file when it hands one out (pre-signed S3 downloads): the bytes then
     * never pass through the server. A missing file or a directory is refused here first, as a streamed one is.
     */
    private static boolean redirected(Context ctx, ArtifactRepository repository, String normal, String name) {
        Optional<URI> url = repository.directDownload(normal, ArtifactContentTypes.guess(name), contentDisposition(name));
        if (url.isEmpty()) {
            return false;
        }
        if (repository.describe(normal).isDir()) {
            throw ArtifactPaths.invalid(normal, "it is a directory; list it instead");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(url.get().toString(), HttpStatus.FOUND);
        return true;
    }

    private static void copy(InputStream content, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = content.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
        out.flush();
    }

    private static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag mlflowArtifacts = ApiDoc.tag("MLflow artifacts");
        String artifacts = PREFIXES.get(0) + "/artifacts";
        return List.of(
                mlflowArtifacts.get(artifacts + "/<path>", "Download an artifact")
                        .response("application/octet-stream")
                        .also(302, "with artifacts.s3.presigned-downloads: a redirect (Location) to a pre-signed S3 URL of the file"),
                mlflowArtifacts.put(artifacts + "/<path>", "Upload an artifact")
                        .request("application/octet-stream").response(EmptyResponse.class),
                mlflowArtifacts.delete(artifacts + "/<path>", "Delete an artifact").response(EmptyResponse.class),
                mlflowArtifacts.get(artifacts, "List artifacts")
                        .query("path", "the directory to list, relative to the artifact root; the root when absent")
                        .response(ListArtifactsResponse.class));
    }
}

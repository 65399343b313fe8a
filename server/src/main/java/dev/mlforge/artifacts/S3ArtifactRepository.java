package dev.mlforge.artifacts;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Artifacts as objects in an S3 bucket (AWS, MinIO, Ceph, s3proxy) under a key prefix, with the local store's
 * contract: the same path checks (every path goes through {@link ArtifactPaths}), the same errors, folders implied by
 * keys ({@code a/b.txt} makes {@code a} a folder, and a file and a folder never share a name), uploads streamed in
 * bounded memory ({@link S3Upload}), downloads streamed from the response. Keys below the prefix that are not normal
 * artifact paths (written by other tools: {@code a//b}, {@code ../x}) are left out of listings.
 */
public final class S3ArtifactRepository implements ArtifactRepository {
    /** DeleteObjects takes at most this many keys. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final Duration presignedTtl;
    private final S3Location location;
    private final String bucket;
    private final int partSize;
    private final ArtifactCache cache;

    S3ArtifactRepository(S3Client s3, S3Presigner presigner, S3Settings settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.presignedTtl = settings.presignedTtl();
        this.location = settings.location();
        this.bucket = location.bucket();
        this.partSize = settings.partSize();
        this.cache = new ArtifactCache(settings.cacheDir(), settings.cacheBytes());
    }

    /** Connects with the standard AWS credentials chain and checks the bucket answers, so a wrong setting stops start-up. */
    public static S3ArtifactRepository open(S3Settings settings) {
        AwsCredentialsProvider credentials = S3Clients.credentials();
        S3Client s3 = S3Clients.client(settings, credentials);
        try {
            s3.headBucket(request -> request.bucket(settings.location().bucket()));
        } catch (SdkException e) {
            s3.close();
            throw new IllegalStateException("Cannot reach the artifact store " + settings.location()
                    + (settings.endpoint() == null ? "" : " at " + settings.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3ArtifactRepository(s3, S3Clients.presigner(settings, credentials), settings);
    }

    /** The bucket and prefix. */
    public S3Location location() {
        return location;
    }

    @Override
    public long write(String path, InputStream content) {
        String normal = ArtifactPaths.normalizeFile(path);
        return call("store", normal, () -> {
            if (isFolder(normal)) {
                throw ArtifactPaths.invalid(normal, "it is a directory");
            }
            requireFolderAncestors(normal);
            return new S3Upload(s3, bucket, location.key(normal), normal, partSize).run(content);
        });
    }

    @Override
    public InputStream read(String path) {
        String normal = ArtifactPaths.normalizeFile(path);
        return call("read", normal, () -> {
            try {
                return s3.getObject(request -> request.bucket(bucket).key(location.key(normal)));
            } catch (NoSuchKeyException e) {
                if (isFolder(normal)) {
                    throw ArtifactPaths.invalid(normal, "it is a directory; list it instead");
                }
                throw MlforgeException.notFound("Artifact '" + normal + "' not found");
            }
        });
    }

    @Override
    public List<ArtifactFile> list(String path) {
        String normal = ArtifactPaths.normalize(path);
        String below = location.keysBelow(normal);
        return call("list", normal, () -> {
            List<ArtifactFile> files = new ArrayList<>();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(below).delimiter("/"))) {
                for (CommonPrefix folder : page.commonPrefixes()) {
                    String name = folder.prefix().substring(below.length(), folder.prefix().length() - 1);
                    if (isNormal(name)) {
                        files.add(new ArtifactFile(name, true, null));
                    }
                }
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(below.length());
                    if (isNormal(name)) {
                        files.add(new ArtifactFile(name, false, object.size()));
                    }
                }
            }
            files.sort(Comparator.comparing(ArtifactFile::path));
            return files;
        });
    }

    @Override
    public List<ArtifactFile> listRecursively(String path) {
        String normal = ArtifactPaths.normalize(path);
        return call("list", normal, () -> objectsBelow(normal).entrySet().stream()
                .map(entry -> new ArtifactFile(entry.getKey(), false, entry.getValue().size()))
                .sorted(Comparator.comparing(ArtifactFile::path))
                .toList());
    }

    @Override
    public boolean delete(String path) {
        String normal = ArtifactPaths.normalizeFile(path);
        return call("delete", normal, () -> {
            boolean deleted = false;
            if (head(normal).isPresent()) {
                s3.deleteObject(request -> request.bucket(bucket).key(location.key(normal)));
                deleted = true;
            }
            String below = location.keysBelow(normal);
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(below))) {
                for (S3Object object : page.contents()) {
                    batch.add(ObjectIdentifier.builder().key(object.key()).build());
                    if (batch.size() == DELETE_BATCH) {
                        deleteBatch(batch);
                    }
                    deleted = true;
                }
            }
            deleteBatch(batch);
            return deleted;
        });
    }

    @Override
    public boolean exists(String path) {
        String normal = ArtifactPaths.normalize(path);
        return normal.isEmpty() || call("look up", normal, () -> head(normal).isPresent() || isFolder(normal));
    }

    @Override
    public boolean isDirectory(String path) {
        String normal = ArtifactPaths.normalize(path);
        return normal.isEmpty() || call("look up", normal, () -> isFolder(normal));
    }

    @Override
    public ArtifactFile describe(String path) {
        String normal = ArtifactPaths.normalize(path);
        if (normal.isEmpty()) {
            return new ArtifactFile("", true, null);
        }
        return call("look up", normal, () -> {
            Optional<HeadObjectResponse> file = head(normal);
            if (file.isPresent()) {
                return new ArtifactFile(normal, false, file.get().contentLength());
            }
            if (isFolder(normal)) {
                return new ArtifactFile(normal, true, null);
            }
            throw MlforgeException.notFound("Artifact '" + normal + "' not found");
        });
    }

    /** Downloads the file or tree at {@code path} into the bounded local cache, or reuses the copy there if current. */
    @Override
    public Path localPath(String path) {
        String normal = ArtifactPaths.normalize(path);
        return call("read", normal, () -> {
            Map<String, ArtifactCache.Remote> files = new LinkedHashMap<>();
            Optional<HeadObjectResponse> file = normal.isEmpty() ? Optional.empty() : head(normal);
            if (file.isPresent()) {
                files.put(normal, new ArtifactCache.Remote(file.get().eTag(), file.get().contentLength()));
            } else {
                String below = normal.isEmpty() ? "" : normal + "/";
                objectsBelow(normal).forEach((relative, remote) -> files.put(below + relative, remote));
            }
            try {
                return cache.materialize(normal, files, this::download);
            } catch (IOException e) {
                throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot copy artifact '" + normal + "' into the local cache: "
                        + e.getMessage(), e);
            }
        });
    }

    /** A pre-signed GET of the file when {@code artifacts.s3.presigned-downloads} is on. */
    @Override
    public Optional<URI> directDownload(String path, String contentType, String contentDisposition) {
        if (presigner == null) {
            return Optional.empty();
        }
        String key = location.key(ArtifactPaths.normalizeFile(path));
        try {
            return Optional.of(presigner.presignGetObject(request -> request.signatureDuration(presignedTtl)
                    .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentType(contentType)
                            .responseContentDisposition(contentDisposition))).url().toURI());
        } catch (URISyntaxException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot pre-sign artifact '" + path + "': " + e.getMessage(), e);
        }
    }

    /** Aborts multipart uploads under the prefix started before {@code cutoff}: what a killed server left behind. */
    @Override
    public int sweepAbandonedUploads(Instant cutoff) {
        String below = location.keysBelow("");
        int aborted = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(below)).uploads()) {
            if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
            }
        }
        return aborted;
    }

    @Override
    public void close() {
        s3.close();
        if (presigner != null) {
            presigner.close();
        }
    }

    /** Bytes the local model cache holds. */
    long cachedBytes() {
        return cache.bytes();
    }

    private void download(String path, Path target) throws IOException {
        try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(location.key(path)))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Every object below a folder with a normal relative path, by that path. */
    private Map<String, ArtifactCache.Remote> objectsBelow(String normal) {
        String below = location.keysBelow(normal);
        Map<String, ArtifactCache.Remote> objects = new LinkedHashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(below)).contents()) {
            String relative = object.key().substring(below.length());
            if (isNormal(relative)) {
                objects.put(relative, new ArtifactCache.Remote(object.eTag(), object.size()));
            }
        }
        return objects;
    }

    private Optional<HeadObjectResponse> head(String normal) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(bucket).key(location.key(normal))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A folder exists while any key lies below it. */
    private boolean isFolder(String normal) {
        String below = location.keysBelow(normal);
        return s3.listObjectsV2(request -> request.bucket(bucket).prefix(below).maxKeys(1)).keyCount() > 0;
    }

    /** Refuses a path below a file ({@code file.txt/child.txt}), as a file system does. */
    private void requireFolderAncestors(String normal) {
        int slash = normal.indexOf('/');
        while (slash > 0) {
            String ancestor = normal.substring(0, slash);
            if (head(ancestor).isPresent()) {
                throw ArtifactPaths.invalid(normal, "'" + ancestor + "' is a file, not a directory");
            }
            slash = normal.indexOf('/', slash + 1);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> keys = List.copyOf(batch);
        s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(keys).quiet(true)));
        batch.clear();
    }

    /** A key's relative path is listed only in the normal form every path of this store has. */
    private static boolean isNormal(String relative) {
        if (relative.isEmpty() || relative.endsWith("/")) {
            return false;
        }
        try {
            return ArtifactPaths.normalize(relative).equals(relative);
        } catch (MlforgeException e) {
            return false;
        }
    }

    /** Runs one store operation; the SDK's failures (network, permissions, throttling) become INTERNAL_ERROR naming the path. */
    private <T> T call(String operation, String normal, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot " + operation + " artifact '" + normal + "' in "
                    + location + ": " + e.getMessage(), e);
        }
    }
}

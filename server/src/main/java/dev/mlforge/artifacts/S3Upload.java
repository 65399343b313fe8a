package dev.mlforge.artifacts;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One streamed upload to S3 in bounded memory: a body that fits in one part is a single PUT; a larger one becomes a
 * multipart upload, read and sent one part at a time through a single reused buffer. Nothing is visible under the
 * key until the upload completes, and a failed multipart upload is aborted, so the previous object stays.
 */
final class S3Upload {
    /** S3 numbers parts from 1 to 10,000. */
    private static final int MAX_PARTS = 10_000;
    private static final int INITIAL_BUFFER = 256 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    /** The artifact path, for messages. */
    private final String path;
    private final int partSize;
    private byte[] buffer;
    private int length;
    private boolean ended;

    S3Upload(S3Client s3, String bucket, String key, String path, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.partSize = partSize;
        // grows to partSize only for a body that large: small artifacts never cost a whole part
        this.buffer = new byte[Math.min(INITIAL_BUFFER, partSize)];
    }

    /** Streams {@code content} to the key; returns the bytes written. */
    long run(InputStream content) {
        fill(content, 0);
        if (ended) {
            s3.putObject(request -> request.bucket(bucket).key(key).contentLength((long) length), body());
            return length;
        }
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (length > 0) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw MlforgeException.invalidParameter("Artifact '" + path + "' is larger than " + MAX_PARTS
                            + " parts of " + partSize + " bytes (artifacts.s3.part-size)");
                }
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength((long) length), body()).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += length;
                if (ended) {
                    break;
                }
                fill(content, total);
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
            return total;
        } catch (RuntimeException e) {
            abortQuietly(uploadId, e);
            throw e;
        }
    }

    /** The buffer's bytes, re-readable for the SDK's signing and retries, without a copy. */
    private RequestBody body() {
        byte[] bytes = buffer;
        int size = length;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, size), size, "application/octet-stream");
    }

    /** Reads up to one part; a failing source is the client's fault (BAD_REQUEST), as in the local store. */
    private void fill(InputStream content, long before) {
        length = 0;
        while (length < partSize) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, partSize));
            }
            int read;
            try {
                read = content.read(buffer, length, buffer.length - length);
            } catch (IOException e) {
                throw new MlforgeException(ErrorCode.BAD_REQUEST, "Upload of artifact '" + path + "' was interrupted after "
                        + (before + length) + " bytes: " + e.getMessage(), e);
            }
            if (read < 0) {
                ended = true;
                return;
            }
            length += read;
        }
    }

    private void abortQuietly(String uploadId, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the bucket's lifecycle rule or the start-up sweep removes it later
            cause.addSuppressed(e);
        }
    }
}

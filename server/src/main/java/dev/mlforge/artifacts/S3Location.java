package dev.mlforge.artifacts;

import java.util.regex.Pattern;

/**
 * Where an S3 artifact store lives: a bucket and a key prefix ({@code s3://bucket/prefix}). The prefix is a
 * normal artifact path ("" for the whole bucket), so the store's keys are {@code prefix/relative-path}.
 */
public record S3Location(String bucket, String prefix) {
    /** S3's bucket naming rules (3 to 63 lower-case letters, digits, dots and dashes, a letter or digit at each end). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Parses {@code s3://bucket[/prefix]}; IllegalArgumentException naming what is wrong. */
    public static S3Location parse(String uri) {
        if (!uri.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new IllegalArgumentException("not an s3:// URI");
        }
        String rest = uri.substring(5);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw new IllegalArgumentException("queries and fragments are not allowed");
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid bucket name");
        }
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            return new S3Location(bucket, ArtifactPaths.normalize(prefix));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid prefix: " + e.getMessage());
        }
    }

    /** The object key of a normal artifact path ("" gives the prefix itself). */
    String key(String normalPath) {
        if (prefix.isEmpty()) {
            return normalPath;
        }
        return normalPath.isEmpty() ? prefix : prefix + "/" + normalPath;
    }

    /** The key prefix of everything below a normal artifact path, ending with {@code /} ("" for the bucket's root). */
    String keysBelow(String normalPath) {
        String key = key(normalPath);
        return key.isEmpty() ? "" : key + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}

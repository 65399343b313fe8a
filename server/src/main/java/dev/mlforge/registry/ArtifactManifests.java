package dev.mlforge.registry;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes the SHA-256 manifest of a version's files and compares it with the recorded one. */
final class ArtifactManifests {
    private final ArtifactRepository artifacts;

    ArtifactManifests(ArtifactRepository artifacts) {
        this.artifacts = artifacts;
    }

    /** Hashes every file under {@code storagePath} (or the file itself, with path ""), sorted by path. */
    List<ManifestEntry> compute(String storagePath) {
        List<ManifestEntry> entries = new ArrayList<>();
        if (!artifacts.isDirectory(storagePath)) {
            if (artifacts.exists(storagePath)) {
                entries.add(hash(storagePath, ""));
            }
            return entries;
        }
        for (ArtifactRepository.ArtifactFile file : artifacts.listRecursively(storagePath)) {
            if (!file.isDir()) {
                entries.add(hash(storagePath + "/" + file.path(), file.path()));
            }
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        return entries;
    }

    private ManifestEntry hash(String fullPath, String relativePath) {
        try (InputStream in = artifacts.read(fullPath)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
                size += read;
            }
            return new ManifestEntry(relativePath, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new MlforgeException(ErrorCode.INTERNAL_ERROR, "Cannot read artifact " + fullPath + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    /** Recomputes the manifest of {@code storagePath} and reports how it differs from {@code recorded}. */
    Verification verify(List<ManifestEntry> recorded, String storagePath) {
        Map<String, ManifestEntry> now = new TreeMap<>();
        compute(storagePath).forEach(entry -> now.put(entry.path(), entry));
        List<String> modified = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ManifestEntry entry : recorded) {
            ManifestEntry current = now.remove(entry.path());
            if (current == null) {
                missing.add(entry.path());
            } else if (!current.sha256().equals(entry.sha256())) {
                modified.add(entry.path());
            }
        }
        List<String> added = new ArrayList<>(now.keySet());
        return new Verification(modified.isEmpty() && missing.isEmpty() && added.isEmpty(), recorded.size(),
                modified, missing, added, true);
    }
}

package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.store.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers CSV files as content-addressed dataset versions (schema, row count, profile) and serves them back.
 * Registering the same bytes under the same name again returns the existing version.
 */
public final class DatasetService {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
    private static final Pattern DIGEST_PREFIX = Pattern.compile("[0-9a-fA-F]{8,64}");

    private final DatasetStore store;
    private final ArtifactRepository artifacts;
    private final Clock clock;
    private final DatasetsConfig config;

    DatasetService(DatasetStore store, ArtifactRepository artifacts, Clock clock, DatasetsConfig config) {
        this.store = store;
        this.artifacts = artifacts;
        this.clock = clock;
        this.config = config;
    }

    /** A service over the {@code dataset_versions} table of {@code database}, storing files in {@code artifacts}. */
    public static DatasetService create(Database database, ArtifactRepository artifacts, Clock clock) {
        return create(database, artifacts, clock, DatasetsConfig.DEFAULTS);
    }

    /** As {@link #create(Database, ArtifactRepository, Clock)}, with the given settings. */
    public static DatasetService create(Database database, ArtifactRepository artifacts, Clock clock, DatasetsConfig config) {
        return new DatasetService(new JdbiDatasetStore(database), artifacts, clock, config);
    }

    public DatasetVersionEntity register(String name, Path csvFile) {
        try (InputStream content = Files.newInputStream(csvFile)) {
            return register(name, content);
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read dataset file " + csvFile + ": " + e.getMessage());
        }
    }

    public DatasetVersionEntity register(String name, byte[] content) {
        return register(name, new ByteArrayInputStream(content));
    }

    /**
     * Registers the CSV read from {@code content}, which is staged in a temporary file while it is hashed, then
     * checked and profiled from that file: the heap holds the numeric values and category counts, never the file.
     */
    public DatasetVersionEntity register(String name, InputStream content) {
        requireName(name);
        Path staged = null;
        try {
            staged = Files.createTempFile("mlforge-dataset-", ".csv");
            MessageDigest sha256 = sha256Digest();
            long size;
            try (OutputStream out = Files.newOutputStream(staged)) {
                size = new DigestInputStream(content, sha256).transferTo(out);
            }
            if (size == 0) {
                throw MlforgeException.invalidParameter("Dataset '" + name + "': the CSV content is empty");
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            requireAtMostMaxColumns(staged, name);
            List<ColumnStatistics> profile = DatasetProfiler.profile(new CsvFile(staged, name));
            String path = "datasets/" + name + "/" + hash + "/" + name + ".csv";
            if (!artifacts.exists(path)) {
                try (InputStream file = Files.newInputStream(staged)) {
                    artifacts.write(path, file);
                }
            }
            List<DatasetColumn> schema = profile.stream().map(column -> new DatasetColumn(column.name(), column.type())).toList();
            long rows = profile.get(0).count() + profile.get(0).missing();
            return store.insertIfAbsent(new DatasetVersionEntity(name, 0, hash, digestOf(hash), rows, size, schema, profile,
                    path, clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage dataset '" + name + "'", e);
        } finally {
            deleteQuietly(staged);
        }
    }

    /** Reads only the header (stopping at the limit), so an over-wide file is refused before it is profiled. */
    private void requireAtMostMaxColumns(Path csv, String name) throws IOException {
        try (CsvRows rows = CsvRows.open(CsvFile.utf8Reader(csv), name, config.maxColumns(), DatasetsConfig.MAX_COLUMNS_KEY)) {
            rows.header();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw MlforgeException.invalidParameter("CSV " + name + ": the content is not UTF-8 text");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete staged dataset file {}: {}", file, e.getMessage());
            }
        }
    }

    public List<DatasetSummaryEntity> datasets() {
        return store.datasets();
    }

    public List<DatasetVersionEntity> versions(String name) {
        requireName(name);
        List<DatasetVersionEntity> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw MlforgeException.notFound("Dataset '" + name + "' does not exist");
        }
        return versions;
    }

    /** The version named by {@code reference}: its number, "latest", or a prefix of at least 8 hex chars of its digest. */
    public DatasetVersionEntity version(String name, String reference) {
        requireName(name);
        if (reference == null || reference.isBlank()) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': a version number, 'latest' or a digest is required");
        }
        if (reference.equals("latest")) {
            List<DatasetVersionEntity> versions = versions(name);
            return versions.get(versions.size() - 1);
        }
        if (reference.chars().allMatch(Character::isDigit) && reference.length() < 8) {
            return store.find(name, Integer.parseInt(reference)).orElseThrow(() ->
                    MlforgeException.notFound("Dataset '" + name + "' has no version " + reference));
        }
        if (!DIGEST_PREFIX.matcher(reference).matches()) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': '" + reference
                    + "' is neither a version number, 'latest' nor a digest of 8 to 64 hex characters");
        }
        return store.findByDigest(name, reference).orElseThrow(() ->
                MlforgeException.notFound("Dataset '" + name + "' has no version with digest " + reference));
    }

    public InputStream open(DatasetVersionEntity version) {
        return artifacts.read(version.artifactPath());
    }

    /** A local file of the version's content, for readers that need a path. */
    public Path localFile(DatasetVersionEntity version) {
        return artifacts.localPath(version.artifactPath());
    }

    /** The version as an MLflow dataset input ({@code name, digest, source_type, source, schema, profile}). */
    public static MlflowDataset asMlflowDataset(DatasetVersionEntity version) {
        return MlflowDataset.of(version);
    }

    /** A version's {@code digest}: the first 32 hex chars of its SHA-256, within MLflow's 36-character limit. */
    public static String digestOf(String sha256) {
        return sha256.substring(0, 32);
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw MlforgeException.invalidParameter("Invalid dataset name '" + name
                    + "': use 1 to 256 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}

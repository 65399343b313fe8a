package dev.mlforge.datasets;

import dev.mlforge.api.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.store.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Registers CSV files as content-addressed dataset versions (schema, row count, profile) and serves them back.
 * Registering the same bytes under the same name again returns the existing version.
 */
public final class DatasetService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
    private static final Pattern DIGEST_PREFIX = Pattern.compile("[0-9a-fA-F]{8,64}");

    private final DatasetStore store;
    private final ArtifactRepository artifacts;
    private final Clock clock;

    DatasetService(DatasetStore store, ArtifactRepository artifacts, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** A service over the {@code dataset_versions} table of {@code database}, storing files in {@code artifacts}. */
    public static DatasetService create(Database database, ArtifactRepository artifacts, Clock clock) {
        return new DatasetService(new JdbiDatasetStore(database), artifacts, clock);
    }

    public DatasetVersion register(String name, Path csvFile) {
        try {
            return register(name, Files.readAllBytes(csvFile));
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read dataset file " + csvFile + ": " + e.getMessage());
        }
    }

    public DatasetVersion register(String name, byte[] content) {
        requireName(name);
        if (content.length == 0) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': the CSV content is empty");
        }
        CsvTable table = CsvTable.parse(decode(name, content), name);
        String sha256 = sha256(content);
        String path = "datasets/" + name + "/" + sha256 + "/" + name + ".csv";
        if (!artifacts.exists(path)) {
            artifacts.write(path, new ByteArrayInputStream(content));
        }
        DatasetVersion candidate = new DatasetVersion(name, 0, sha256, digestOf(sha256), table.rowCount(),
                content.length, DatasetProfiler.schema(table), DatasetProfiler.profile(table), path, clock.instant());
        return store.insertIfAbsent(candidate);
    }

    public List<DatasetSummary> datasets() {
        return store.datasets();
    }

    public List<DatasetVersion> versions(String name) {
        requireName(name);
        List<DatasetVersion> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw MlforgeException.notFound("Dataset '" + name + "' does not exist");
        }
        return versions;
    }

    /** The version named by {@code reference}: its number, "latest", or a prefix of at least 8 hex chars of its digest. */
    public DatasetVersion version(String name, String reference) {
        requireName(name);
        if (reference == null || reference.isBlank()) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': a version number, 'latest' or a digest is required");
        }
        if (reference.equals("latest")) {
            List<DatasetVersion> versions = versions(name);
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

    public InputStream open(DatasetVersion version) {
        return artifacts.read(version.artifactPath());
    }

    /** A local file of the version's content, for readers that need a path. */
    public Path localFile(DatasetVersion version) {
        return artifacts.localPath(version.artifactPath());
    }

    /** The version as an MLflow dataset input ({@code name, digest, source_type, source, schema, profile}). */
    public static MlflowDataset asMlflowDataset(DatasetVersion version) {
        return MlflowDataset.of(version);
    }

    /** A version's {@code digest}: the first 32 hex chars of its SHA-256, within MLflow's 36-character limit. */
    public static String digestOf(String sha256) {
        return sha256.substring(0, 32);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    private static String decode(String name, byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw MlforgeException.invalidParameter("Dataset '" + name + "': the content is not UTF-8 text");
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw MlforgeException.invalidParameter("Invalid dataset name '" + name
                    + "': use 1 to 256 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}

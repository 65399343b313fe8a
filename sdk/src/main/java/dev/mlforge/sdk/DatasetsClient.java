package dev.mlforge.sdk;

import dev.mlforge.api.datasets.DatasetSummary;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.datasets.ListDatasetVersionsResponse;
import dev.mlforge.api.datasets.ListDatasetsResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The dataset calls ({@code /api/v1/datasets}): register CSV files as content-addressed versions, list them, read a
 * version's schema and profile, download its content. Files are streamed, never held in memory.
 *
 * <p>Obtained from {@link MlforgeClient#datasets()}; thread-safe. A version is named by its number, by
 * {@code latest} or by a digest prefix. Every method throws {@link MlforgeClientException} when the server rejects
 * the call or cannot be reached ({@code RESOURCE_DOES_NOT_EXIST} for an unknown dataset or version,
 * {@code INVALID_PARAMETER_VALUE} for content that is not a CSV table), and {@link UncheckedIOException} when a
 * local file cannot be read or written.
 */
public final class DatasetsClient {
    private static final String DATASETS = "/api/v1/datasets";
    private final HttpTransport transport;
    private final Duration transferTimeout;

    DatasetsClient(HttpTransport transport, Duration transferTimeout) {
        this.transport = transport;
        this.transferTimeout = transferTimeout;
    }

    /**
     * Registers a CSV file as a version of the named dataset, creating the dataset when missing. The server
     * identifies the content by its SHA-256: registering the same bytes under the same name again answers the
     * existing version instead of adding one.
     *
     * @param name the dataset name
     * @param csv the CSV file with a header line, UTF-8
     * @return the version with its schema and profile, and its description as an MLflow dataset
     * @throws UncheckedIOException when {@code csv} is not a readable regular file
     */
    public DatasetVersionResponse register(String name, Path csv) {
        requireReadableFile(csv);
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(csv);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("dataset file " + csv + " does not exist", e);
        }
        HttpRequest request = transport.request(DATASETS, Map.of("name", name), transferTimeout)
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(body)
                .build();
        // Content-addressed: sending the same bytes again cannot add a second version, so a retry is safe.
        return transport.readJson(transport.exchange(request, true), DatasetVersionResponse.class);
    }

    /**
     * Lists every dataset with its latest version.
     *
     * @return the datasets, by name
     */
    public List<DatasetSummary> list() {
        List<DatasetSummary> datasets = transport.getJson(DATASETS, Map.of(), ListDatasetsResponse.class).datasets();
        return datasets == null ? List.of() : datasets;
    }

    /**
     * Lists the versions of a dataset, oldest first, with their schema but without profiles.
     *
     * @param name the dataset name
     * @return the versions
     */
    public List<DatasetVersion> versions(String name) {
        List<DatasetVersion> versions = transport.getJson(namePath(name) + "/versions", Map.of(),
                ListDatasetVersionsResponse.class).versions();
        return versions == null ? List.of() : versions;
    }

    /**
     * Reads one version with its schema and per-column profile.
     *
     * @param name the dataset name
     * @param version the version number, {@code latest}, or a digest (prefix)
     * @return the version and its description as an MLflow dataset
     */
    public DatasetVersionResponse version(String name, String version) {
        return transport.getJson(versionPath(name, version), Map.of(), DatasetVersionResponse.class);
    }

    /**
     * Downloads the content of a version to {@code target}. The bytes go to {@code target.part} first and are
     * checked against the SHA-256 the server announces before the file is moved in place.
     *
     * @param name the dataset name
     * @param version the version number, {@code latest}, or a digest (prefix)
     * @param target the local file, replaced when it exists; its directory is created when missing
     * @return {@code target}
     * @throws MlforgeClientException when the downloaded bytes do not have the announced SHA-256
     */
    public Path download(String name, String version, Path target) {
        HttpRequest request = transport.request(versionPath(name, version) + "/content", Map.of(), transferTimeout)
                .header("Accept", "text/csv, */*")
                .GET()
                .build();
        HttpResponse<InputStream> response = transport.exchange(request, true);
        String expected = response.headers().firstValue("ETag").map(tag -> tag.replace("\"", "")).orElse(null);
        PartialDownload.save(target, partial -> {
            try (DigestInputStream in = new DigestInputStream(response.body(), sha256())) {
                Path dir = target.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                String actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
                if (expected != null && !expected.equalsIgnoreCase(actual)) {
                    throw new MlforgeClientException(0, null, "downloaded content of dataset '" + name + "' version "
                            + version + " has SHA-256 " + actual + ", the server announced " + expected, null);
                }
            }
        }, e -> "downloading dataset '" + name + "' version " + version + " to " + target + " failed: " + e.getMessage());
        return target;
    }

    private static void requireReadableFile(Path csv) {
        if (!Files.exists(csv)) {
            throw new UncheckedIOException("dataset file " + csv + " does not exist", new FileNotFoundException(csv.toString()));
        }
        if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
            throw new UncheckedIOException("dataset file " + csv + " is not a readable file", new FileNotFoundException(csv.toString()));
        }
    }

    private static String namePath(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset name is required");
        }
        return DATASETS + "/" + HttpTransport.encode(name);
    }

    private static String versionPath(String name, String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a dataset version is required: a number, 'latest' or a digest");
        }
        return namePath(name) + "/versions/" + HttpTransport.encode(version);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

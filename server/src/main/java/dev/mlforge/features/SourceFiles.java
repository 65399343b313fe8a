package dev.mlforge.features;

import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestPathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The files feature views and training-set requests read: registered dataset versions, or CSV and Parquet files that
 * must stay inside the server's data dir, refused as pipelines refuse theirs (control characters, backslashes, drive
 * letters, encoded {@code ..}, paths that resolve or link outside the folder). Messages repeat the path as given.
 */
final class SourceFiles {
    private final Path root;
    private final DatasetService datasets;
    private final JdbiSqlSources queries;

    SourceFiles(Path dataDir, DatasetService datasets, JdbiSqlSources queries) {
        this.root = realOrAbsolute(dataDir);
        this.datasets = datasets;
        this.queries = queries;
    }

    /**
     * Refuses a source that cannot be read now: an unknown dataset version, a path outside the folder or missing, a
     * query SQL sources do not allow.
     */
    void check(FeatureSource source, String where) {
        if (source.isQuery()) {
            queries.check(source.query(), where);
            return;
        }
        file(source, where);
    }

    /** The local file holding {@code source}'s rows (a query's rows exported now). */
    Path file(FeatureSource source, String where) {
        if (source.isQuery()) {
            return queries.export(source.query(), where);
        }
        if (source.isDataset()) {
            DatasetVersionEntity version;
            try {
                version = datasets.version(source.dataset(), source.datasetVersion());
            } catch (MlforgeException e) {
                throw MlforgeException.invalidParameter(where + ": source dataset '" + source.dataset() + "' version "
                        + source.datasetVersion() + " is not registered");
            }
            return datasets.localFile(version);
        }
        return confined(source.path(), where + " source path");
    }

    /** A dataset version's local CSV file, or a 404 naming it. */
    Path dataset(String name, String reference) {
        return datasets.localFile(datasets.version(name, reference));
    }

    /** {@code path} (relative to the data dir, or absolute inside it) as a readable regular file inside the data dir. */
    Path confined(String path, String place) {
        if (path == null || path.isEmpty()) {
            throw invalid(place, "", "it is empty");
        }
        String refusal = RequestPathText.refusal(path, SourceFiles::noEncodedClimb);
        if (refusal != null) {
            throw invalid(place, path, refusal);
        }
        Path target;
        try {
            target = root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw invalid(place, path, "it is not a valid file path");
        }
        if (!target.startsWith(root)) {
            throw invalid(place, path, "it is outside the server's data dir");
        }
        if (!Files.isRegularFile(target)) {
            throw invalid(place, path, "there is no such file in the server's data dir");
        }
        try {
            Path real = target.toRealPath();
            if (!real.startsWith(root)) {
                throw invalid(place, path, "it leads outside the server's data dir through a symbolic link");
            }
            return real;
        } catch (IOException e) {
            throw invalid(place, path, "it cannot be read");
        }
    }

    private static String noEncodedClimb(String form, boolean decoded) {
        return decoded && Arrays.asList(form.split("/", -1)).contains("..") ? "encoded '..' segments are not allowed" : null;
    }

    private static Path realOrAbsolute(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    private static MlforgeException invalid(String place, String path, String reason) {
        return MlforgeException.invalidParameter("Invalid " + place + " '" + RequestPathText.printable(path) + "': " + reason);
    }
}

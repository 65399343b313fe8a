package dev.mlforge.monitoring.monitors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.monitoring.drift.Column;
import dev.mlforge.monitoring.drift.CsvTableReader;
import dev.mlforge.monitoring.drift.DataTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads reference CSV files from the artifact repository, at the path a {@link ReferenceLocator} gives, with the drift
 * package's {@link CsvTableReader} (pandas' missing-value tokens, numbers when a whole column parses). A few
 * parsed references are cached for a while, since a scheduled monitor reads the same one on every run.
 */
public final class ArtifactCsvReferenceSource implements ReferenceSource {
    private final ArtifactRepository artifacts;
    private final ReferenceLocator locator;
    private final Cache<String, ColumnTable> cache = Caffeine.newBuilder()
            .maximumSize(8).expireAfterWrite(Duration.ofMinutes(10)).build();

    public ArtifactCsvReferenceSource(ArtifactRepository artifacts, ReferenceLocator locator) {
        this.artifacts = artifacts;
        this.locator = locator;
    }

    @Override
    public ColumnTable load(ReferenceSpec spec) {
        String path = locator.artifactPath(spec);
        return cache.get(path, key -> read(spec, key));
    }

    @Override
    public java.util.Optional<ReferenceFile> file(ReferenceSpec spec) {
        String path = locator.artifactPath(spec);
        requireFile(spec, path);
        Long size = artifacts.describe(path).fileSize();
        return java.util.Optional.of(new ReferenceFile(path, size == null ? 0 : size, () -> artifacts.localPath(path)));
    }

    private void requireFile(ReferenceSpec spec, String path) {
        if (!artifacts.exists(path) || artifacts.isDirectory(path)) {
            throw MlforgeException.notFound("Reference of " + spec.describe() + ": no CSV file at artifact path " + path);
        }
    }

    private ColumnTable read(ReferenceSpec spec, String path) {
        requireFile(spec, path);
        try {
            // named by its artifact path: messages never show the server's local file
            return columns(CsvTableReader.read(artifacts.localPath(path), path));
        } catch (MlforgeException | IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("Cannot read reference " + spec.describe() + ": " + e.getMessage());
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read reference " + spec.describe() + " at " + path + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Numbers become doubles (NaN, the drift package's missing number, becomes null), categories strings. */
    private static ColumnTable columns(DataTable table) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            List<Object> values = new ArrayList<>(column.size());
            if (column instanceof Column.Numbers numbers) {
                for (double value : numbers.values()) {
                    values.add(Double.isNaN(value) ? null : value);
                }
            } else {
                values.addAll(Arrays.asList(((Column.Categories) column).values()));
            }
            columns.put(column.name(), values);
        }
        return new ColumnTable(columns);
    }
}

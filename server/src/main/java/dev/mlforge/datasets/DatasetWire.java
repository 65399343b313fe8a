package dev.mlforge.datasets;

import dev.mlforge.api.datasets.ColumnProfile;
import dev.mlforge.api.datasets.ColumnSchema;
import dev.mlforge.api.datasets.DatasetSummary;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.datasets.ListDatasetVersionsResponse;
import dev.mlforge.api.datasets.ListDatasetsResponse;
import dev.mlforge.api.tracking.Dataset;
import java.time.Instant;
import java.util.List;

/**
 * Turns the datasets feature's domain records into the api-model records {@code /api/v1/datasets} answers with.
 * Times are ISO-8601 text; a listing's versions carry an empty profile.
 */
final class DatasetWire {
    private DatasetWire() {}

    static DatasetVersionResponse versionResponse(DatasetVersionEntity version) {
        return new DatasetVersionResponse(version(version, true), mlflowDataset(MlflowDataset.of(version)));
    }

    static ListDatasetVersionsResponse versions(List<DatasetVersionEntity> versions) {
        return new ListDatasetVersionsResponse(versions.stream().map(version -> version(version, false)).toList());
    }

    static ListDatasetsResponse datasets(List<DatasetSummaryEntity> datasets) {
        return new ListDatasetsResponse(datasets.stream().map(DatasetWire::summary).toList());
    }

    private static DatasetVersion version(DatasetVersionEntity version, boolean withProfile) {
        return new DatasetVersion(version.name(), version.version(), version.sha256(), version.digest(), version.rowCount(),
                version.sizeBytes(), version.schema().stream().map(DatasetWire::column).toList(),
                withProfile ? version.profile().stream().map(DatasetWire::statistics).toList() : List.of(),
                version.artifactPath(), text(version.createdAt()));
    }

    private static ColumnSchema column(DatasetColumn column) {
        return new ColumnSchema(column.name(), column.type().name());
    }

    private static ColumnProfile statistics(ColumnStatistics column) {
        return new ColumnProfile(column.name(), column.type().name(), column.count(), column.missing(), column.missingRate(),
                column.min(), column.max(), column.mean(), column.std(), column.quantiles(), column.categoryCounts(),
                column.distinctCount());
    }

    private static DatasetSummary summary(DatasetSummaryEntity summary) {
        return new DatasetSummary(summary.name(), summary.versionCount(), summary.latestVersion(), summary.latestDigest(),
                text(summary.updatedAt()));
    }

    static Dataset mlflowDataset(MlflowDataset dataset) {
        return new Dataset(dataset.name(), dataset.digest(), dataset.sourceType(), dataset.source(), dataset.schema(),
                dataset.profile());
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}

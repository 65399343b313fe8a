package dev.mlforge.features;

import dev.mlforge.store.Database;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link FeatureStore} over the backend store's {@code feature_definitions} and {@code feature_materializations}. */
final class JdbiFeatureStore implements FeatureStore {
    private static final RowMapper<StoredSpec> SPEC = (rs, ctx) -> new StoredSpec(Kind.valueOf(rs.getString("kind")),
            rs.getString("name"), rs.getInt("version"), rs.getString("spec"), rs.getLong("created_at"));
    private static final RowMapper<Materialization> MATERIALIZATION = (rs, ctx) -> {
        long watermark = rs.getLong("watermark");
        return new Materialization(rs.getString("view_name"), rs.getInt("view_version"), rs.wasNull() ? null : watermark,
                rs.getLong("rows_written"), rs.getLong("materialized_at"));
    };

    private final Database database;

    JdbiFeatureStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<StoredSpec> latest(Kind kind, String name) {
        return database.read(handle -> handle.createQuery("SELECT * FROM feature_definitions WHERE kind = :kind AND name = :name "
                        + "ORDER BY version DESC LIMIT 1")
                .bind("kind", kind.name()).bind("name", name).map(SPEC).findOne());
    }

    @Override
    public Optional<StoredSpec> version(Kind kind, String name, int version) {
        return database.read(handle -> handle.createQuery("SELECT * FROM feature_definitions WHERE kind = :kind AND name = :name "
                        + "AND version = :version")
                .bind("kind", kind.name()).bind("name", name).bind("version", version).map(SPEC).findOne());
    }

    @Override
    public List<StoredSpec> latestOfKind(Kind kind) {
        return database.read(handle -> handle.createQuery("SELECT d.* FROM feature_definitions d WHERE d.kind = :kind AND "
                        + "d.version = (SELECT MAX(version) FROM feature_definitions m WHERE m.kind = d.kind AND m.name = d.name) "
                        + "ORDER BY d.name")
                .bind("kind", kind.name()).map(SPEC).list());
    }

    @Override
    public void insert(List<StoredSpec> specs) {
        database.write(handle -> {
            for (StoredSpec spec : specs) {
                handle.createUpdate("INSERT INTO feature_definitions (kind, name, version, spec, created_at) "
                                + "VALUES (:kind, :name, :version, :spec, :createdAt)")
                        .bind("kind", spec.kind().name()).bind("name", spec.name()).bind("version", spec.version())
                        .bind("spec", spec.spec()).bind("createdAt", spec.createdAt()).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<Materialization> materialization(String viewName) {
        return database.read(handle -> handle.createQuery("SELECT * FROM feature_materializations WHERE view_name = :name")
                .bind("name", viewName).map(MATERIALIZATION).findOne());
    }

    @Override
    public void saveMaterialization(Materialization materialization) {
        database.write(handle -> handle.createUpdate("INSERT INTO feature_materializations "
                        + "(view_name, view_version, watermark, rows_written, materialized_at) "
                        + "VALUES (:name, :version, :watermark, :rows, :at) ON CONFLICT (view_name) DO UPDATE SET "
                        + "view_version = excluded.view_version, watermark = excluded.watermark, "
                        + "rows_written = excluded.rows_written, materialized_at = excluded.materialized_at, "
                        + "runs = feature_materializations.runs + 1")
                .bind("name", materialization.viewName()).bind("version", materialization.viewVersion())
                .bind("watermark", materialization.watermark()).bind("rows", materialization.rowsWritten())
                .bind("at", materialization.materializedAt()).execute());
    }

    @Override
    public java.util.Map<String, Long> materializationRuns() {
        return database.read(handle -> handle.createQuery("SELECT view_name, runs FROM feature_materializations")
                .reduceRows(new java.util.HashMap<String, Long>(), (runs, row) -> {
                    runs.put(row.getColumn("view_name", String.class), row.getColumn("runs", Long.class));
                    return runs;
                }));
    }

    @Override
    public long definitionsGeneration() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM feature_definitions").mapTo(Long.class).one());
    }

    @Override
    public Optional<FeatureStatistics> statistics(String viewName) {
        return database.read(handle -> handle.createQuery("SELECT statistics FROM feature_statistics WHERE view_name = :name")
                .bind("name", viewName).mapTo(String.class).findOne()).map(json -> {
                    try {
                        return dev.mlforge.http.Json.mapper().readValue(json, FeatureStatistics.class);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("Stored feature statistics of '" + viewName + "' are not JSON", e);
                    }
                });
    }

    @Override
    public void saveStatistics(FeatureStatistics statistics) {
        String json;
        try {
            json = dev.mlforge.http.Json.mapper().writeValueAsString(statistics);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        database.write(handle -> handle.createUpdate("INSERT INTO feature_statistics "
                        + "(view_name, view_version, computed_at, row_count, statistics) "
                        + "VALUES (:name, :version, :at, :rows, :statistics) ON CONFLICT (view_name) DO UPDATE SET "
                        + "view_version = excluded.view_version, computed_at = excluded.computed_at, "
                        + "row_count = excluded.row_count, statistics = excluded.statistics")
                .bind("name", statistics.viewName()).bind("version", statistics.viewVersion())
                .bind("at", statistics.computedAt()).bind("rows", statistics.rows()).bind("statistics", json).execute());
    }
}

package dev.mlforge.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** Dataset versions in the {@code dataset_versions} table (V5). */
final class JdbiDatasetStore implements DatasetStore {
    private static final String COLUMNS =
            "name, version, sha256, digest, row_count, size_bytes, schema_json, profile_json, artifact_path, created_at";

    private final Database database;

    JdbiDatasetStore(Database database) {
        this.database = database;
    }

    @Override
    public DatasetVersionEntity insertIfAbsent(DatasetVersionEntity candidate) {
        return database.write(handle -> {
            Optional<DatasetVersionEntity> existing = handle.createQuery("SELECT " + COLUMNS
                            + " FROM dataset_versions WHERE name = :name AND sha256 = :sha")
                    .bind("name", candidate.name()).bind("sha", candidate.sha256()).map(this::map).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            int version = handle.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE name = :name")
                    .bind("name", candidate.name()).mapTo(Integer.class).one();
            handle.createUpdate("INSERT INTO dataset_versions (" + COLUMNS + ") VALUES (:name, :version, :sha256, :digest,"
                            + " :rows, :size, :schema, :profile, :path, :created)")
                    .bind("name", candidate.name())
                    .bind("version", version)
                    .bind("sha256", candidate.sha256())
                    .bind("digest", candidate.digest())
                    .bind("rows", candidate.rowCount())
                    .bind("size", candidate.sizeBytes())
                    .bind("schema", toJson(candidate.schema()))
                    .bind("profile", toJson(candidate.profile()))
                    .bind("path", candidate.artifactPath())
                    .bind("created", candidate.createdAt().toEpochMilli())
                    .execute();
            return new DatasetVersionEntity(candidate.name(), version, candidate.sha256(), candidate.digest(), candidate.rowCount(),
                    candidate.sizeBytes(), candidate.schema(), candidate.profile(), candidate.artifactPath(), candidate.createdAt());
        });
    }

    @Override
    public Optional<DatasetVersionEntity> findBySha256(String name, String sha256) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM dataset_versions WHERE name = :name AND sha256 = :sha")
                .bind("name", name).bind("sha", sha256).map(this::map).findOne());
    }

    @Override
    public Optional<DatasetVersionEntity> find(String name, int version) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM dataset_versions WHERE name = :name AND version = :version")
                .bind("name", name).bind("version", version).map(this::map).findOne());
    }

    @Override
    public Optional<DatasetVersionEntity> findByDigest(String name, String digestPrefix) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM dataset_versions WHERE name = :name"
                        + " AND sha256 LIKE :prefix ORDER BY version")
                .bind("name", name).bind("prefix", digestPrefix.toLowerCase() + "%").map(this::map).findFirst());
    }

    @Override
    public List<DatasetVersionEntity> versions(String name) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM dataset_versions WHERE name = :name ORDER BY version")
                .bind("name", name).map(this::map).list());
    }

    @Override
    public List<DatasetSummaryEntity> datasets() {
        return database.read(handle -> handle.createQuery("SELECT d.name, d.version, d.digest, d.created_at, c.n FROM dataset_versions d"
                        + " JOIN (SELECT name, MAX(version) AS latest, COUNT(*) AS n FROM dataset_versions GROUP BY name) c"
                        + " ON d.name = c.name AND d.version = c.latest ORDER BY d.name")
                .map((rs, ctx) -> new DatasetSummaryEntity(rs.getString("name"), rs.getInt("n"), rs.getInt("version"),
                        rs.getString("digest"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    private DatasetVersionEntity map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DatasetVersionEntity(rs.getString("name"), rs.getInt("version"), rs.getString("sha256"), rs.getString("digest"),
                rs.getLong("row_count"), rs.getLong("size_bytes"),
                fromJson(rs.getString("schema_json"), new TypeReference<List<DatasetColumn>>() {}),
                fromJson(rs.getString("profile_json"), new TypeReference<List<ColumnStatistics>>() {}),
                rs.getString("artifact_path"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value, e);
        }
    }

    private static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt JSON column: " + json, e);
        }
    }
}

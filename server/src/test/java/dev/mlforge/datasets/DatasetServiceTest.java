package dev.mlforge.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.artifacts.LocalArtifactRepository;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetServiceTest {
    @TempDir
    Path tmp;
    private Database database;
    private DatasetService service;

    @BeforeEach
    void setUp() {
        database = Database.open(null, tmp.resolve("db"));
        service = DatasetService.create(database, new LocalArtifactRepository(tmp.resolve("artifacts")), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void registering_the_same_content_twice_yields_the_same_version() throws Exception {
        byte[] wine = Files.readAllBytes(RepoDatasets.wine());
        DatasetVersionEntity first = service.register("wine", wine);
        DatasetVersionEntity second = service.register("wine", wine);

        assertThat(second.version()).isEqualTo(first.version()).isEqualTo(1);
        assertThat(second.sha256()).isEqualTo("f31eca90e60d109d79f7a515b95eeab05cedd3ed9af21ebe3da3133a24c34af0");
        assertThat(second.digest()).hasSize(32).isEqualTo(first.sha256().substring(0, 32));
        assertThat(service.versions("wine")).hasSize(1);
    }

    @Test
    void different_content_gets_the_next_version_number() {
        service.register("tiny", "a,b\n1,x\n".getBytes(StandardCharsets.UTF_8));
        DatasetVersionEntity second = service.register("tiny", "a,b\n2,y\n".getBytes(StandardCharsets.UTF_8));

        assertThat(second.version()).isEqualTo(2);
        assertThat(service.version("tiny", "latest").sha256()).isEqualTo(second.sha256());
        assertThat(service.version("tiny", second.digest().substring(0, 10)).version()).isEqualTo(2);
        assertThat(service.datasets()).singleElement().satisfies(summary -> {
            assertThat(summary.versionCount()).isEqualTo(2);
            assertThat(summary.latestVersion()).isEqualTo(2);
        });
    }

    @Test
    void wine_schema_and_row_count_match_the_file() {
        DatasetVersionEntity wine = service.register("wine", RepoDatasets.wine());

        assertThat(wine.rowCount()).isEqualTo(178);
        assertThat(wine.schema()).hasSize(14).allSatisfy(column -> assertThat(column.type()).isEqualTo(ColumnType.NUMERIC));
        assertThat(wine.schema().get(0).name()).isEqualTo("alcohol");
        assertThat(wine.schema().get(13).name()).isEqualTo("class");
    }

    @Test
    void numeric_profile_matches_values_computed_independently_with_python_statistics() {
        // Expected values from Python's statistics module (mean, stdev) and numpy-style linear quantiles.
        ColumnStatistics alcohol = profile(service.register("wine", RepoDatasets.wine()), "alcohol");
        assertThat(alcohol.min()).isEqualTo(11.03);
        assertThat(alcohol.max()).isEqualTo(14.83);
        assertThat(alcohol.mean()).isCloseTo(13.00061797752809, within(1e-12));
        assertThat(alcohol.std()).isCloseTo(0.8118265380058575, within(1e-12));
        assertThat(alcohol.quantiles()).containsOnlyKeys("p5", "p25", "p50", "p75", "p95");
        assertThat(alcohol.quantiles().get("p5")).isCloseTo(11.6585, within(1e-9));
        assertThat(alcohol.quantiles().get("p25")).isCloseTo(12.3625, within(1e-9));
        assertThat(alcohol.quantiles().get("p50")).isCloseTo(13.05, within(1e-9));
        assertThat(alcohol.quantiles().get("p75")).isCloseTo(13.6775, within(1e-9));
        assertThat(alcohol.quantiles().get("p95")).isCloseTo(14.2215, within(1e-9));

        ColumnStatistics proline = profile(service.version("wine", "1"), "proline");
        assertThat(proline.mean()).isCloseTo(746.8932584269663, within(1e-9));
        assertThat(proline.std()).isCloseTo(314.9074742768491, within(1e-9));
        assertThat(proline.quantiles().get("p95")).isCloseTo(1297.25, within(1e-9));
        assertThat(proline.missingRate()).isZero();
    }

    @Test
    void categorical_columns_count_categories_and_missing_values() {
        String csv = "colour,size\nred,1\nblue,\nred,3\n,4\nred,5\n";
        DatasetVersionEntity version = service.register("shapes", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(version.schema()).containsExactly(new DatasetColumn("colour", ColumnType.CATEGORICAL),
                new DatasetColumn("size", ColumnType.NUMERIC));
        ColumnStatistics colour = profile(version, "colour");
        assertThat(colour.categoryCounts()).containsExactly(java.util.Map.entry("red", 3L), java.util.Map.entry("blue", 1L));
        assertThat(colour.missingRate()).isEqualTo(0.2);
        ColumnStatistics size = profile(version, "size");
        assertThat(size.missing()).isEqualTo(1);
        assertThat(size.mean()).isEqualTo(3.25);
    }

    @Test
    void a_column_with_one_non_numeric_value_is_categorical() {
        DatasetVersionEntity version = service.register("mixed", "v\n1\n2\nthree\n".getBytes(StandardCharsets.UTF_8));

        assertThat(version.schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void stored_file_downloads_byte_for_byte() throws Exception {
        DatasetVersionEntity wine = service.register("wine", RepoDatasets.wine());
        try (InputStream in = service.open(wine)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(RepoDatasets.wine()));
        }
    }

    @Test
    void ragged_csv_is_rejected_with_the_line_number() {
        assertThatThrownBy(() -> service.register("bad", "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining("line 3 has 1 fields, the header has 2");
    }

    @Test
    void a_quoted_field_spanning_lines_counts_physical_lines_in_errors() {
        assertThatThrownBy(() -> service.register("bad", "a,b\n\"x\ny\",2\n3\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("line 4 has 1 fields, the header has 2");
    }

    @Test
    void content_that_is_not_utf8_is_refused_and_nothing_is_stored() {
        byte[] latin1 = "name,city\n1,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> service.register("latin", latin1)).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("not UTF-8 text");
        assertThat(service.datasets()).isEmpty();
        assertThat(tmp.resolve("artifacts/datasets")).doesNotExist();
    }

    @Test
    void pandas_na_tokens_count_as_missing_so_a_numeric_column_stays_numeric() {
        DatasetVersionEntity version = service.register("na", "x,y\n1,a\nNA,b\n3,NA\n,c\n nan ,a\n".getBytes(StandardCharsets.UTF_8));

        ColumnStatistics x = profile(version, "x");
        assertThat(x.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(x.count()).isEqualTo(2);
        assertThat(x.missing()).isEqualTo(3);
        assertThat(x.missingRate()).isEqualTo(0.6);
        assertThat(x.mean()).isEqualTo(2.0);
        ColumnStatistics y = profile(version, "y");
        assertThat(y.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(y.missing()).isEqualTo(1);
        assertThat(y.categoryCounts()).containsOnlyKeys("a", "b", "c").containsEntry("a", 2L);
    }

    @Test
    void invalid_names_and_unknown_versions_are_refused() {
        assertThatThrownBy(() -> service.register("../etc", "a\n1\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Invalid dataset name");
        assertThatThrownBy(() -> service.versions("nothing")).hasMessageContaining("Dataset 'nothing' does not exist");
        service.register("one", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> service.version("one", "7")).hasMessageContaining("has no version 7");
        assertThatThrownBy(() -> service.version("one", "zz")).hasMessageContaining("neither a version number");
    }

    @Test
    void mlflow_dataset_digest_fits_mlflow_limit() {
        MlflowDataset dataset = DatasetService.asMlflowDataset(service.register("wine", RepoDatasets.wine()));

        assertThat(dataset.digest()).hasSizeLessThanOrEqualTo(36);
        assertThat(dataset.schema()).contains("\"mlflow_colspec\"").contains("\"name\":\"alcohol\"");
        assertThat(dataset.profile()).contains("\"num_rows\":178");
    }

    private static ColumnStatistics profile(DatasetVersionEntity version, String column) {
        return version.profile().stream().filter(p -> p.name().equals(column)).findFirst().orElseThrow();
    }
}

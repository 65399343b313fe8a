package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.datasets.ColumnProfile;
import dev.mlforge.api.datasets.DatasetSummary;
import dev.mlforge.api.datasets.DatasetVersion;
import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.sdk.testing.ClientExtension;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatasetsClientTest {
    private static final Path WINE = Path.of("../datasets/wine.csv");

    @TempDir
    Path local;
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    private DatasetsClient datasets;

    @BeforeEach
    void start(MlforgeClient client) {
        datasets = client.datasets();
    }

    @Test
    void register_answers_the_content_address_schema_and_profile_of_the_file() throws Exception {
        DatasetVersionResponse answer = datasets.register("wine", WINE);

        DatasetVersion version = answer.datasetVersion();
        assertThat(version.name()).isEqualTo("wine");
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.sha256()).isEqualTo(sha256(Files.readAllBytes(WINE)));
        assertThat(version.digest()).isEqualTo(version.sha256().substring(0, 32));
        assertThat(version.rowCount()).isEqualTo(178);
        assertThat(version.sizeBytes()).isEqualTo(Files.size(WINE));
        assertThat(version.schema()).hasSize(14);
        assertThat(version.schema().get(0).name()).isEqualTo("alcohol");
        assertThat(version.schema().get(0).type()).isEqualTo("NUMERIC");
        ColumnProfile alcohol = version.profile().get(0);
        assertThat(alcohol.count()).isEqualTo(178);
        assertThat(alcohol.missingRate()).isZero();
        assertThat(alcohol.min()).isEqualTo(11.03);
        assertThat(alcohol.max()).isEqualTo(14.83);
        assertThat(alcohol.quantiles()).containsKeys("p5", "p25", "p50", "p75", "p95");
        assertThat(answer.mlflowDataset().digest()).isEqualTo(version.digest());
        assertThat(answer.mlflowDataset().profile()).contains("\"num_rows\":178");
    }

    @Test
    void registering_the_same_content_again_answers_the_same_version() {
        DatasetVersion first = datasets.register("wine", WINE).datasetVersion();
        DatasetVersion again = datasets.register("wine", WINE).datasetVersion();

        assertThat(again.version()).isEqualTo(first.version());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(datasets.versions("wine")).hasSize(1);
    }

    @Test
    void new_content_becomes_the_next_version_and_the_listing_shows_the_latest() throws Exception {
        datasets.register("wine", WINE);
        Path smaller = local.resolve("wine-head.csv");
        Files.write(smaller, Files.readAllLines(WINE).subList(0, 11));
        DatasetVersion second = datasets.register("wine", smaller).datasetVersion();

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.rowCount()).isEqualTo(10);
        List<DatasetVersion> versions = datasets.versions("wine");
        assertThat(versions).extracting(DatasetVersion::version).containsExactly(1, 2);
        assertThat(versions.get(0).profile()).isEmpty();
        List<DatasetSummary> listed = datasets.list();
        assertThat(listed).singleElement().satisfies(summary -> {
            assertThat(summary.name()).isEqualTo("wine");
            assertThat(summary.versionCount()).isEqualTo(2);
            assertThat(summary.latestVersion()).isEqualTo(2);
            assertThat(summary.latestDigest()).isEqualTo(second.digest());
        });
        assertThat(datasets.version("wine", "latest").datasetVersion().sha256()).isEqualTo(second.sha256());
        assertThat(datasets.version("wine", "1").datasetVersion().profile()).hasSize(14);
    }

    @Test
    void download_writes_the_registered_bytes() throws Exception {
        datasets.register("wine", WINE);

        Path written = datasets.download("wine", "1", local.resolve("out/wine-copy.csv"));

        assertThat(written).isEqualTo(local.resolve("out/wine-copy.csv"));
        assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(WINE));
        assertThat(local.resolve("out/wine-copy.csv.part")).doesNotExist();
    }

    @Test
    void unknown_dataset_fails_with_the_servers_not_found_answer() {
        assertThatThrownBy(() -> datasets.version("nope", "1"))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)).isTrue();
                    assertThat(e.serverMessage()).contains("nope");
                });
        assertThatThrownBy(() -> datasets.versions("nope"))
                .isInstanceOfSatisfying(MlforgeClientException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("Dataset 'nope' does not exist"));
        assertThatThrownBy(() -> datasets.download("nope", "1", local.resolve("x.csv")))
                .isInstanceOf(MlforgeClientException.class);
        assertThat(local.resolve("x.csv")).doesNotExist();
    }

    @Test
    void empty_file_is_rejected_by_the_server() throws Exception {
        Path empty = Files.createFile(local.resolve("empty.csv"));

        assertThatThrownBy(() -> datasets.register("empty", empty))
                .isInstanceOfSatisfying(MlforgeClientException.class, e -> {
                    assertThat(e.is(ErrorCode.INVALID_PARAMETER_VALUE)).isTrue();
                    assertThat(e.serverMessage()).contains("empty");
                });
    }

    @Test
    void missing_file_fails_before_any_call() {
        Path missing = local.resolve("missing.csv");

        assertThatThrownBy(() -> datasets.register("wine", missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("dataset file " + missing + " does not exist");
        assertThat(datasets.list()).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

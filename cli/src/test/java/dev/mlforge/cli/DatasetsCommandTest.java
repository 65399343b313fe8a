package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.sdk.testing.ClientExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
    private static final Path WINE = Path.of("../datasets/wine.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();
    @TempDir
    Path local;
    private final CliFixture cli = new CliFixture(server);
    private String wineSha256;

    @BeforeEach
    void start() throws Exception {
        wineSha256 = sha256(Files.readAllBytes(WINE));
    }

    @Test
    void mlforge_datasets_builds_the_datasets_command() {
        assertThat(Main.commandLine("datasets").getSubcommands()).containsOnlyKeys("datasets");
        assertThat(Main.commandLine("datasets").getSubcommands().get("datasets").getSubcommands())
                .containsOnlyKeys("register", "list", "versions", "get", "download");
    }

    @Test
    void register_prints_the_version_digest_rows_and_columns() {
        CliFixture.Result result = cli.run("datasets", "register", "wine", WINE.toString());

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Registered wine version 1");
        assertThat(lines).contains("version  1", "digest   " + wineSha256.substring(0, 32), "sha256   " + wineSha256,
                "rows     178");
        assertThat(lines).contains("columns  14 (alcohol, malic_acid, ash, alcalinity_of_ash, magnesium, total_phenols,"
                + " flavanoids, nonflavanoid_phenols, ...)");
    }

    @Test
    void registering_the_same_content_again_says_so_and_keeps_the_version() throws Exception {
        cli.run("datasets", "register", "wine", WINE.toString());
        Path copy = Files.copy(WINE, local.resolve("copy-of-wine.csv"));

        CliFixture.Result again = cli.run("datasets", "register", "wine", copy.toString());
        CliFixture.Result json = cli.run("datasets", "register", "wine", WINE.toString(), "--json");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("Already registered: wine version 1 has the same content");
        assertThat(again.out()).contains("sha256   " + wineSha256);
        JsonNode answer = JSON.readTree(json.out());
        assertThat(answer.path("already_registered").asBoolean()).isTrue();
        assertThat(answer.path("dataset_version").path("version").asInt()).isEqualTo(1);
        assertThat(answer.path("dataset_version").path("sha256").asText()).isEqualTo(wineSha256);
        assertThat(cli.client().datasets().versions("wine")).hasSize(1);
    }

    @Test
    void changed_content_becomes_version_2() throws Exception {
        cli.run("datasets", "register", "wine", WINE.toString());
        Path head = local.resolve("wine-head.csv");
        Files.write(head, Files.readAllLines(WINE).subList(0, 21));

        CliFixture.Result second = cli.run("datasets", "register", "wine", head.toString());

        assertThat(second.out()).startsWith("Registered wine version 2");
        assertThat(second.out().lines()).contains("rows     20");
    }

    @Test
    void list_and_versions_show_the_registered_version() throws Exception {
        cli.run("datasets", "register", "wine", WINE.toString());
        String digest = wineSha256.substring(0, 32);

        CliFixture.Result list = cli.run("datasets", "list");
        CliFixture.Result versions = cli.run("datasets", "versions", "wine");
        CliFixture.Result versionsJson = cli.run("datasets", "versions", "wine", "--json");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).matches("wine\\s+1\\s+1\\s+" + digest + "\\s+\\S+");
        assertThat(versions.out().lines().toList()).hasSize(2);
        assertThat(versions.out().lines().skip(1).findFirst().orElseThrow())
                .matches("1\\s+" + digest + "\\s+178\\s+14\\s+" + Files.size(WINE) + "\\s+\\S+");
        JsonNode version = JSON.readTree(versionsJson.out()).path("versions").path(0);
        assertThat(version.path("row_count").asLong()).isEqualTo(178);
        assertThat(version.path("schema")).hasSize(14);
    }

    @Test
    void get_shows_each_columns_type_missing_rate_and_quantiles() throws Exception {
        cli.run("datasets", "register", "wine", WINE.toString());

        CliFixture.Result get = cli.run("datasets", "get", "wine", "latest");
        CliFixture.Result json = cli.run("datasets", "get", "wine", "1", "--json");

        assertThat(get.exitCode()).isZero();
        assertThat(get.out().lines()).contains("rows     178");
        String alcohol = get.out().lines().filter(line -> line.startsWith("alcohol ")).findFirst().orElseThrow();
        // min 11.03, max 14.83, median 13.05 of the 178 wines.
        assertThat(alcohol.split("\\s+")).containsExactly("alcohol", "NUMERIC", "0.0%", "13", "0.8118", "11.03", "12.36",
                "13.05", "13.68", "14.83");
        assertThat(get.out().lines().filter(line -> line.matches("^\\S+\\s+NUMERIC\\s.*"))).hasSize(14);
        JsonNode profile = JSON.readTree(json.out()).path("dataset_version").path("profile");
        assertThat(profile).hasSize(14);
        assertThat(profile.path(0).path("quantiles").path("p50").asDouble()).isEqualTo(13.05);
    }

    @Test
    void get_shows_the_top_values_of_a_categorical_column() throws Exception {
        Path csv = local.resolve("colors.csv");
        Files.writeString(csv, "color,size\nred,1\nred,2\nblue,3\n,4\nred,5\ngreen,6\n");
        cli.run("datasets", "register", "colors", csv.toString());

        CliFixture.Result get = cli.run("datasets", "get", "colors", "1");

        String color = get.out().lines().filter(line -> line.startsWith("color ")).findFirst().orElseThrow();
        assertThat(color).matches("color\\s+CATEGORICAL\\s+16\\.7%\\s+red \\(3\\), (blue|green) \\(1\\), (blue|green) \\(1\\) of 3 distinct");
    }

    @Test
    void download_writes_the_original_bytes() throws Exception {
        cli.run("datasets", "register", "wine", WINE.toString());
        Path target = local.resolve("copy.csv");

        CliFixture.Result download = cli.run("datasets", "download", "wine", "1", "--output", target.toString());

        assertThat(download.exitCode()).isZero();
        assertThat(download.out().strip()).isEqualTo(target.toString());
        assertThat(sha256(Files.readAllBytes(target))).isEqualTo(wineSha256);

        Path again = local.resolve("again.csv");
        CliFixture.Result json = cli.run("datasets", "download", "wine", "latest", "--output", again.toString(), "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode answer = JSON.readTree(json.out());
        assertThat(answer.path("name").asText()).isEqualTo("wine");
        assertThat(answer.path("version").asText()).isEqualTo("latest");
        assertThat(answer.path("local_path").asText()).isEqualTo(again.toString());
    }

    @Test
    void unknown_dataset_fails_with_the_servers_message() {
        CliFixture.Result get = cli.run("datasets", "get", "no-such-data", "1");
        CliFixture.Result versions = cli.run("datasets", "versions", "no-such-data");
        CliFixture.Result download = cli.run("datasets", "download", "no-such-data", "1", "--output", local.resolve("x.csv").toString());

        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err().strip()).isEqualTo("error: RESOURCE_DOES_NOT_EXIST: Dataset 'no-such-data' has no version 1");
        assertThat(versions.exitCode()).isEqualTo(1);
        assertThat(versions.err().strip()).isEqualTo("error: RESOURCE_DOES_NOT_EXIST: Dataset 'no-such-data' does not exist");
        assertThat(download.exitCode()).isEqualTo(1);
        assertThat(local.resolve("x.csv")).doesNotExist();
    }

    @Test
    void missing_file_fails_with_a_clear_message() {
        Path missing = local.resolve("nowhere.csv");

        CliFixture.Result result = cli.run("datasets", "register", "wine", missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: dataset file " + missing + " does not exist");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void empty_binary_or_ragged_file_fails_with_the_servers_message() throws Exception {
        Path empty = Files.createFile(local.resolve("empty.csv"));
        Path ragged = local.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");

        Path binary = Files.write(local.resolve("model.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 'a', ',', 'b', '\n'});

        CliFixture.Result emptyResult = cli.run("datasets", "register", "empty", empty.toString());
        CliFixture.Result binaryResult = cli.run("datasets", "register", "binary", binary.toString());
        CliFixture.Result raggedResult = cli.run("datasets", "register", "ragged", ragged.toString());

        assertThat(emptyResult.exitCode()).isEqualTo(1);
        assertThat(emptyResult.err()).startsWith("error: INVALID_PARAMETER_VALUE: ").contains("empty");
        assertThat(binaryResult.exitCode()).isEqualTo(1);
        assertThat(binaryResult.err()).startsWith("error: INVALID_PARAMETER_VALUE: ").contains("not UTF-8");
        assertThat(raggedResult.exitCode()).isEqualTo(1);
        assertThat(raggedResult.err()).startsWith("error: INVALID_PARAMETER_VALUE: ").contains("line");
        assertThat(cli.client().datasets().list()).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

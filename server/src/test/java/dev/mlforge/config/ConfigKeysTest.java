package dev.mlforge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.testing.ApplicationExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key table is the one truth: the README documents it, the features read only its keys, with its defaults. */
class ConfigKeysTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().startOnFirstUse();

    @Test
    void the_readme_configuration_table_documents_every_key_with_its_default_and_range() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String fromHeading = readme.substring(readme.indexOf("## Configuration"));
        String section = fromHeading.substring(0, fromHeading.indexOf("\n## ", 1));
        Map<String, String> documented = new LinkedHashMap<>();
        section.lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            String[] cells = line.split(" \\| ");
            documented.put(cells[0].substring(2).replace("`", "").strip(), line);
        });
        Map<String, String> expected = new LinkedHashMap<>();
        ConfigKeys.markdownTable().lines().filter(line -> line.startsWith("| `"))
                .forEach(line -> expected.put(line.substring(3, line.indexOf('`', 3)), line));

        assertThat(documented.keySet()).as("keys documented in README.md; the table to paste:%n%s", ConfigKeys.markdownTable())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, row) -> assertThat(firstCells(documented.get(key)))
                .as("README row of %s: its default and range come from ConfigKeys", key).isEqualTo(firstCells(row)));
        ConfigKeys.OTHER_VARIABLES.keySet().forEach(variable -> assertThat(section).contains("`" + variable + "`"));
    }

    private static List<String> firstCells(String row) {
        return List.of(row.split(" \\| ")).subList(0, 3);
    }

    @Test
    void every_literal_default_is_accepted_by_its_own_rule() {
        ConfigKeys.ALL.stream().filter(key -> !key.derivedDefault())
                .forEach(key -> assertThat(key.type().accepts(key.defaultValue())).as(key.name()).isTrue());
    }

    @Test
    void the_application_reads_only_keys_of_the_table_with_the_tables_defaults_and_ranges() {
        // Every reader checks its key against the table: a key missing from it, or read with another default or range,
        // stops the application from being built.
        assertThat(server.port()).isPositive();
    }

    @Test
    void reading_a_key_missing_from_the_table_is_a_programmer_error() {
        ConfigValues values = ConfigValues.of(Map.of());
        assertThatThrownBy(() -> values.integer("serving.max-batch-sizes", 32, 1, 4096))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'serving.max-batch-sizes' is read but is not a row of ConfigKeys");
    }

    @Test
    void a_reader_that_disagrees_with_the_table_is_a_programmer_error() {
        ConfigValues values = ConfigValues.of(Map.of());
        assertThatThrownBy(() -> values.integer("serving.max-batch-size", 64, 1, 4096))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("make the reader and the table agree");
        assertThatThrownBy(() -> values.longValue("port", 5000, 1, 65535)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> values.string("host", "0.0.0.0")).isInstanceOf(IllegalStateException.class);
        assertThat(values.integer("serving.max-batch-size", 32, 1, 4096)).isEqualTo(32);
    }

    @Test
    void a_misspelt_key_finds_its_nearest_neighbour_and_a_far_one_finds_none() {
        assertThat(ConfigKeys.nearest("pipelines.basedir")).map(ConfigKey::name).hasValue("pipelines.base-dir");
        assertThat(ConfigKeys.nearest("SERVING_MAX_BATCH_SIZ")).map(ConfigKey::name).hasValue("serving.max-batch-size");
        assertThat(ConfigKeys.nearest("queue-capacity")).map(ConfigKey::name).hasValue("serving.queue-capacity");
        assertThat(ConfigKeys.nearest("completely.unrelated.thing")).isEmpty();
    }
}

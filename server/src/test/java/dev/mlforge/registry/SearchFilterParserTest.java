package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchFilterParserTest {
    private static List<FilterClause> versions(String filter) {
        return SearchFilterParser.parse(filter, RegistryService.VERSION_FILTER_KEYS, Set.of("version_number"));
    }

    private static List<FilterClause> models(String filter) {
        return SearchFilterParser.parse(filter, RegistryService.MODEL_FILTER_KEYS, Set.of());
    }

    @Test
    void an_empty_filter_has_no_clauses() {
        assertThat(models(null)).isEmpty();
        assertThat(models("  ")).isEmpty();
    }

    @Test
    void parses_attribute_and_tag_clauses_joined_by_and() {
        assertThat(models("name ILIKE '%fraud%' and tags.team = \"risk\"")).containsExactly(
                new FilterClause(false, "name", "ILIKE", List.of("%fraud%")),
                new FilterClause(true, "team", "=", List.of("risk")));
    }

    @Test
    void reads_quoted_tag_keys() {
        assertThat(models("tags.`my key` != 'x'")).containsExactly(new FilterClause(true, "my key", "!=", List.of("x")));
        assertThat(models("tags.\"a.b\" LIKE 'x%'")).containsExactly(new FilterClause(true, "a.b", "LIKE", List.of("x%")));
    }

    @Test
    void reads_in_lists_and_unquoted_version_numbers() {
        assertThat(versions("run_id IN ('a', \"b\") AND version_number >= 3")).containsExactly(
                new FilterClause(false, "run_id", "IN", List.of("a", "b")),
                new FilterClause(false, "version_number", ">=", List.of("3")));
        assertThat(versions("version_number NOT IN (1,2)")).containsExactly(
                new FilterClause(false, "version_number", "NOT IN", List.of("1", "2")));
    }

    @Test
    void refuses_what_mlflow_refuses() {
        for (String filter : List.of("name = fraud", "name", "name = 'a' OR name = 'b'", "foo = 'x'", "tags.t > 'x'",
                "name = 'unterminated", "version_number = 'x'", "run_id IN 'a'", "name = 'a' AND")) {
            assertThatThrownBy(() -> versions(filter)).as(filter).isInstanceOf(MlforgeException.class)
                    .hasMessageContaining("Invalid filter");
        }
        assertThatThrownBy(() -> models("run_id = 'x'")).isInstanceOf(MlforgeException.class);
    }
}

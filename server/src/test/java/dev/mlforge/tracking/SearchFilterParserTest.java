package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchFilterParserTest {

    @Test
    void parses_clauses_joined_by_and_in_any_case() {
        List<FilterClause> clauses = SearchFilterParser.parseRunFilter(
                "metrics.rmse < 0.5 and params.model = 'tree' AND tags.\"my tag\" LIKE \"a%\" and attributes.status != 'FAILED'");
        assertThat(clauses).containsExactly(
                new FilterClause(EntityType.METRIC, "rmse", "<", 0.5),
                new FilterClause(EntityType.PARAM, "model", "=", "tree"),
                new FilterClause(EntityType.TAG, "my tag", "LIKE", "a%"),
                new FilterClause(EntityType.ATTRIBUTE, "status", "!=", "FAILED"));
    }

    @Test
    void accepts_backtick_keys_aliases_and_dotted_keys() {
        assertThat(SearchFilterParser.parseRunFilter("metric.`f1 score` >= 1e-3 and tag.mlflow.source.type = 'LOCAL'"))
                .containsExactly(new FilterClause(EntityType.METRIC, "f1 score", ">=", 1e-3),
                        new FilterClause(EntityType.TAG, "mlflow.source.type", "=", "LOCAL"));
        assertThat(SearchFilterParser.parseRunFilter("parameter.x ILIKE '%A%'").get(0).type()).isEqualTo(EntityType.PARAM);
        assertThat(SearchFilterParser.parseRunFilter("run.run_name = 'a'").get(0).type()).isEqualTo(EntityType.ATTRIBUTE);
    }

    @Test
    void parses_in_and_not_in_lists() {
        assertThat(SearchFilterParser.parseRunFilter("attributes.run_id IN ('a', \"b\") and datasets.context NOT IN ('eval')"))
                .containsExactly(new FilterClause(EntityType.ATTRIBUTE, "run_id", "IN", List.of("a", "b")),
                        new FilterClause(EntityType.DATASET, "context", "NOT IN", List.of("eval")));
    }

    @Test
    void numeric_attributes_take_numbers() {
        assertThat(SearchFilterParser.parseRunFilter("attributes.start_time > 1700000000000 and attr.created <= 5"))
                .extracting(FilterClause::value).containsExactly(1.7e12, 5.0);
    }

    @Test
    void quotes_are_escaped_by_doubling() {
        assertThat(SearchFilterParser.parseRunFilter("params.p = 'it''s'").get(0).value()).isEqualTo("it's");
    }

    @Test
    void empty_filter_has_no_clauses() {
        assertThat(SearchFilterParser.parseRunFilter("  ")).isEmpty();
        assertThat(SearchFilterParser.parseRunFilter(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metrics.a > 1 OR metrics.b < 2|Search filter contained OR, which is not supported",
            "foo.a = 'x'|Invalid entity type 'foo'",
            "rmse < 1|Invalid identifier 'rmse'",
            "metrics.a LIKE 'x'|Invalid comparator 'LIKE' not one of '[=, !=, >, >=, <, <=]'",
            "metrics.a > 'x'|Expected numeric value type for metric. Found x",
            "params.a > 'x'|Invalid comparator '>' not one of '[=, !=, LIKE, ILIKE]'",
            "params.a = 5|Expected a quoted string value for parameter (e.g. 'my-value'). Got value 5",
            "tags.a = unquoted|Expected a quoted string value for tag",
            "attributes.color = 'x'|Invalid attribute key 'color' specified",
            "attributes.start_time = 'x'|Expected numeric value type for attribute",
            "attributes.run_id IN 'a'|Expected a list of quoted strings after IN",
            "attributes.run_id IN ('a', 1)|While parsing a list in the query",
            "datasets.size = 'x'|Invalid dataset key 'size'",
            "metrics.a > 1 metrics.b > 2|Could not be parsed",
            "params.a = 'unterminated|Could not be parsed",
            "params.a ~ 'x'|Invalid comparator",
            "metrics.a >|Could not be parsed"})
    void rejects_malformed_filters_with_mlflow_messages(String filter, String message) {
        assertThatThrownBy(() -> SearchFilterParser.parseRunFilter(filter))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parses_order_by_items() {
        assertThat(SearchFilterParser.parseRunOrderBy(List.of("metrics.`f1 score` DESC", "params.model", "start_time asc")))
                .containsExactly(new OrderClause(EntityType.METRIC, "f1 score", false),
                        new OrderClause(EntityType.PARAM, "model", true),
                        new OrderClause(EntityType.ATTRIBUTE, "start_time", true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metrics.a SIDEWAYS|Invalid order_by clause 'metrics.a SIDEWAYS'. Could not be parsed.",
            "attributes.lifecycle_stage|Invalid attribute key 'lifecycle_stage' specified",
            "datasets.name|Invalid order_by clause",
            "metrics.a DESC extra|Could not be parsed"})
    void rejects_malformed_order_by(String item, String message) {
        assertThatThrownBy(() -> SearchFilterParser.parseRunOrderBy(List.of(item)))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void experiment_filters_allow_bare_attributes_and_tags_only() {
        assertThat(SearchFilterParser.parseExperimentFilter("name LIKE 'prod%' and tags.team = 'ml' and creation_time > 5"))
                .extracting(FilterClause::type).containsExactly(EntityType.ATTRIBUTE, EntityType.TAG, EntityType.ATTRIBUTE);
        assertThatThrownBy(() -> SearchFilterParser.parseExperimentFilter("metrics.a > 1"))
                .hasMessageContaining("Invalid entity type 'metrics'");
        assertThatThrownBy(() -> SearchFilterParser.parseExperimentOrderBy(List.of("tags.team")))
                .hasMessageContaining("Invalid order_by clause");
    }
}

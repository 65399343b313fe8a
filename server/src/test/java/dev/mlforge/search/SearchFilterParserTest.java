package dev.mlforge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchFilterParserTest {

    private static List<FilterClause> runs(String filter) {
        return SearchFilterParser.parseFilter(filter, SearchEntity.RUNS);
    }

    private static List<FilterClause> versions(String filter) {
        return SearchFilterParser.parseFilter(filter, SearchEntity.MODEL_VERSIONS);
    }

    private static List<FilterClause> models(String filter) {
        return SearchFilterParser.parseFilter(filter, SearchEntity.REGISTERED_MODELS);
    }

    // ---- runs

    @Test
    void parses_run_clauses_joined_by_and_in_any_case() {
        assertThat(runs("metrics.rmse < 0.5 and params.model = 'tree' AND tags.\"my tag\" LIKE \"a%\" and attributes.status != 'FAILED'"))
                .containsExactly(
                        new FilterClause(EntityType.METRIC, "rmse", "<", 0.5),
                        new FilterClause(EntityType.PARAM, "model", "=", "tree"),
                        new FilterClause(EntityType.TAG, "my tag", "LIKE", "a%"),
                        new FilterClause(EntityType.ATTRIBUTE, "status", "!=", "FAILED"));
    }

    @Test
    void accepts_backtick_keys_aliases_and_dotted_keys() {
        assertThat(runs("metric.`f1 score` >= 1e-3 and tag.mlflow.source.type = 'LOCAL'"))
                .containsExactly(new FilterClause(EntityType.METRIC, "f1 score", ">=", 1e-3),
                        new FilterClause(EntityType.TAG, "mlflow.source.type", "=", "LOCAL"));
        assertThat(runs("parameter.x ILIKE '%A%'").get(0).type()).isEqualTo(EntityType.PARAM);
        assertThat(runs("run.run_name = 'a'").get(0).type()).isEqualTo(EntityType.ATTRIBUTE);
    }

    @Test
    void parses_in_and_not_in_lists() {
        assertThat(runs("attributes.run_id IN ('a', \"b\") and datasets.context NOT IN ('eval')"))
                .containsExactly(new FilterClause(EntityType.ATTRIBUTE, "run_id", "IN", List.of("a", "b")),
                        new FilterClause(EntityType.DATASET, "context", "NOT IN", List.of("eval")));
    }

    @Test
    void numeric_run_attributes_take_numbers() {
        assertThat(runs("attributes.start_time > 1700000000000 and attr.created <= 5"))
                .extracting(FilterClause::value).containsExactly(1.7e12, 5.0);
    }

    @Test
    void quotes_are_escaped_by_doubling() {
        assertThat(runs("params.p = 'it''s'").get(0).value()).isEqualTo("it's");
    }

    @Test
    void an_empty_filter_has_no_clauses_for_any_entity() {
        assertThat(runs("  ")).isEmpty();
        assertThat(runs(null)).isEmpty();
        assertThat(models(null)).isEmpty();
        assertThat(versions("  ")).isEmpty();
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
    void rejects_malformed_run_filters_with_mlflow_messages(String filter, String message) {
        assertThatThrownBy(() -> runs(filter))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }

    @Test
    void parses_run_order_by_items() {
        assertThat(SearchFilterParser.parseOrderBy(List.of("metrics.`f1 score` DESC", "params.model", "start_time asc"),
                SearchEntity.RUNS))
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
    void rejects_malformed_run_order_by(String item, String message) {
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of(item), SearchEntity.RUNS))
                .isInstanceOf(MlforgeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refuses_an_order_by_key_named_twice() {
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("metrics.a", "metrics.a DESC"), SearchEntity.RUNS))
                .hasMessageContaining("`order_by` contains duplicate fields");
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("name", "NAME DESC"), SearchEntity.REGISTERED_MODELS))
                .hasMessageContaining("`order_by` contains duplicate fields");
    }

    // ---- experiments

    @Test
    void experiment_filters_allow_bare_attributes_and_tags_only() {
        assertThat(SearchFilterParser.parseFilter("name LIKE 'prod%' and tags.team = 'ml' and creation_time > 5", SearchEntity.EXPERIMENTS))
                .extracting(FilterClause::type).containsExactly(EntityType.ATTRIBUTE, EntityType.TAG, EntityType.ATTRIBUTE);
        assertThatThrownBy(() -> SearchFilterParser.parseFilter("metrics.a > 1", SearchEntity.EXPERIMENTS))
                .hasMessageContaining("Invalid entity type 'metrics'");
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("tags.team"), SearchEntity.EXPERIMENTS))
                .hasMessageContaining("Invalid order_by clause");
    }

    // ---- registered models and model versions

    @Test
    void parses_registry_attribute_and_tag_clauses_joined_by_and() {
        assertThat(models("name ILIKE '%fraud%' and tags.team = \"risk\"")).containsExactly(
                new FilterClause(EntityType.ATTRIBUTE, "name", "ILIKE", "%fraud%"),
                new FilterClause(EntityType.TAG, "team", "=", "risk"));
    }

    @Test
    void reads_quoted_tag_keys() {
        assertThat(models("tags.`my key` != 'x'")).containsExactly(new FilterClause(EntityType.TAG, "my key", "!=", "x"));
        assertThat(models("tags.\"a.b\" LIKE 'x%'")).containsExactly(new FilterClause(EntityType.TAG, "a.b", "LIKE", "x%"));
    }

    @Test
    void reads_in_lists_and_integer_version_numbers() {
        assertThat(versions("run_id IN ('a', \"b\") AND version_number >= 3")).containsExactly(
                new FilterClause(EntityType.ATTRIBUTE, "run_id", "IN", List.of("a", "b")),
                new FilterClause(EntityType.ATTRIBUTE, "version_number", ">=", 3L));
        assertThat(versions("version_number NOT IN (1,2)")).containsExactly(
                new FilterClause(EntityType.ATTRIBUTE, "version_number", "NOT IN", List.of(1L, 2L)));
        assertThat(versions("attributes.version_number = '4'")).containsExactly(
                new FilterClause(EntityType.ATTRIBUTE, "version_number", "=", 4L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name = fraud|Expected a quoted string value for attribute (e.g. 'my-value'). Got value fraud",
            "name|Invalid filter 'name'. Could not be parsed.",
            "name = 'a' OR name = 'b'|Search filter contained OR, which is not supported",
            "foo = 'x'|Invalid attribute key 'foo' specified. Valid keys are '[current_stage, name, run_id, source_path, version_number]'",
            "tags.t > 'x'|Invalid comparator '>' not one of '[=, !=, LIKE, ILIKE]'",
            "name = 'unterminated|Could not be parsed",
            "version_number = 'x'|Expected an integer value for attribute 'version_number'. Found x",
            "version_number = 1.5|Expected an integer value for attribute 'version_number'. Found 1.5",
            "run_id IN 'a'|Expected a list of quoted strings after IN",
            "run_id LIKE 'a%'|Invalid comparator 'LIKE' not one of '[=, !=, IN, NOT IN]'",
            "metrics.a > 1|Invalid entity type 'metrics'. Valid values are ['tag', 'attribute']",
            "name = 'a' AND|Could not be parsed"})
    void rejects_model_version_filters_that_mlflow_rejects(String filter, String message) {
        assertThatThrownBy(() -> versions(filter))
                .isInstanceOfSatisfying(MlforgeException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining(message);
    }

    @Test
    void registered_models_filter_on_name_and_tags_only() {
        assertThatThrownBy(() -> models("run_id = 'x'")).hasMessageContaining("Invalid attribute key 'run_id' specified");
    }

    @Test
    void registry_order_by_takes_attributes_in_any_case_and_nothing_else() {
        assertThat(SearchFilterParser.parseOrderBy(List.of("NAME DESC", "attributes.version_number"), SearchEntity.MODEL_VERSIONS))
                .containsExactly(new OrderClause(EntityType.ATTRIBUTE, "name", false),
                        new OrderClause(EntityType.ATTRIBUTE, "version_number", true));
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("bogus ASC"), SearchEntity.REGISTERED_MODELS))
                .hasMessageContaining("Invalid attribute key 'bogus' specified");
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("tags.team"), SearchEntity.MODEL_VERSIONS))
                .hasMessageContaining("Invalid order_by clause 'tags.team'");
        assertThatThrownBy(() -> SearchFilterParser.parseOrderBy(List.of("name sideways"), SearchEntity.REGISTERED_MODELS))
                .hasMessageContaining("Could not be parsed");
    }

    // ---- page tokens

    @Test
    void page_tokens_round_trip_and_read_either_base64_alphabet() {
        assertThat(PageToken.decode(PageToken.encode(300))).isEqualTo(300);
        assertThat(PageToken.decode(java.util.Base64.getEncoder().encodeToString("{\"offset\": 7}".getBytes()))).isEqualTo(7);
        assertThat(PageToken.decode(null)).isZero();
        assertThatThrownBy(() -> PageToken.decode("notatoken")).hasMessageContaining("Invalid page token");
        assertThatThrownBy(() -> PageToken.decode(PageToken.encode(-1))).hasMessageContaining("Invalid page token");
    }
}

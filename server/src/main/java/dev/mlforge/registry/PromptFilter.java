package dev.mlforge.registry;

import dev.mlforge.search.EntityType;
import dev.mlforge.search.FilterClause;
import java.util.List;
import java.util.Locale;

/**
 * How a registry search treats the prompt tag, as MLflow's store does: prompts are registered models (and versions)
 * tagged {@code mlflow.prompt.is_prompt = 'true'}, and a search returns them only when its first clause on that tag
 * asks for prompts ({@code = 'true'} or {@code != 'false'}). Otherwise every clause on the tag is dropped and prompts
 * are left out, so the 3.x client's {@code tags.`mlflow.prompt.is_prompt` != 'true'} finds the models that lack the
 * tag, and a plain search lists no prompt.
 *
 * @param clauses         the clauses to compile (without the prompt-tag clauses when prompts are left out)
 * @param queryingPrompts whether the search asks for prompts
 */
record PromptFilter(List<FilterClause> clauses, boolean queryingPrompts) {
    static final String IS_PROMPT_TAG = "mlflow.prompt.is_prompt";

    static PromptFilter of(List<FilterClause> clauses) {
        boolean prompts = clauses.stream().filter(PromptFilter::onPromptTag).findFirst()
                .map(PromptFilter::asksForPrompts).orElse(false);
        return prompts ? new PromptFilter(clauses, true)
                : new PromptFilter(clauses.stream().filter(clause -> !onPromptTag(clause)).toList(), false);
    }

    private static boolean onPromptTag(FilterClause clause) {
        return clause.type() == EntityType.TAG && clause.key().equals(IS_PROMPT_TAG);
    }

    private static boolean asksForPrompts(FilterClause clause) {
        String value = clause.stringValue().toLowerCase(Locale.ROOT);
        return clause.comparator().equals("=") && value.equals("true")
                || clause.comparator().equals("!=") && value.equals("false");
    }
}

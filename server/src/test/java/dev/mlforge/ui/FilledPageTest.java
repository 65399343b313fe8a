package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.search.ResultPage;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilledPageTest {
    /** Items 0..99 paged by offset tokens, as the stores page. */
    private static final List<Integer> ITEMS = IntStream.range(0, 100).boxed().toList();
    private static final BiFunction<Integer, String, ResultPage<Integer>> SEARCH = (size, token) -> {
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(ITEMS.size(), from + size);
        return new ResultPage<>(ITEMS.subList(from, to), to < ITEMS.size() ? Integer.toString(to) : null);
    };

    @Test
    void a_page_of_which_only_some_items_are_readable_is_filled_from_the_next_ones() {
        ResultPage<Integer> page = FilledPage.of(SEARCH, item -> item % 3 == 0, 10, null);
        assertThat(page.items()).containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 24, 27);
        ResultPage<Integer> next = FilledPage.of(SEARCH, item -> item % 3 == 0, 10, page.nextPageToken());
        assertThat(next.items()).as("the next page starts right after the last shown").startsWith(30, 33);
    }

    @Test
    void the_last_page_has_no_token_and_a_caller_who_sees_little_does_not_walk_everything() {
        assertThat(FilledPage.of(SEARCH, item -> item >= 95, 10, "90").nextPageToken()).isNull();
        ResultPage<Integer> sparse = FilledPage.of(SEARCH, item -> item == 99, 5, null);
        assertThat(sparse.items()).isEmpty();
        assertThat(sparse.nextPageToken()).as("stopped after %d reads", FilledPage.MAX_READS).isNotNull();
    }
}

package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {
    @Test
    void follows_page_tokens_lazily_until_the_last_page() {
        Map<String, Pages.Page<Integer>> pages = Map.of(
                "first", new Pages.Page<>(List.of(1, 2), "t2"),
                "t2", new Pages.Page<>(List.of(), "t3"),
                "t3", new Pages.Page<>(List.of(3), ""));
        List<String> requested = new ArrayList<>();

        List<Integer> firstTwo = Pages.<Integer>stream(token -> {
            requested.add(token == null ? "first" : token);
            return pages.get(token == null ? "first" : token);
        }).limit(2).toList();
        assertThat(firstTwo).containsExactly(1, 2);
        assertThat(requested).containsExactly("first");

        requested.clear();
        List<Integer> all = Pages.<Integer>stream(token -> {
            requested.add(token == null ? "first" : token);
            return pages.get(token == null ? "first" : token);
        }).toList();
        assertThat(all).containsExactly(1, 2, 3);
        assertThat(requested).containsExactly("first", "t2", "t3");
    }
}

package dev.mlforge.ui;

import dev.mlforge.search.ResultPage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A page of a list the caller may only partly read, filled up to its size: the permission filter runs after the
 * search, so a page of 100 models of which 40 are readable would otherwise show 40 rows and a "next" link. The search
 * is asked again from the next token for what is still missing (exactly that many, so the next token stays exact), at
 * most {@value #MAX_READS} times per page, so a caller who may read almost nothing does not walk the whole store.
 */
public final class FilledPage {
    static final int MAX_READS = 10;

    private FilledPage() {}

    /**
     * @param search  reads {@code (max results, page token)}, the token null for the first page
     * @param visible whether the caller may see an item
     */
    public static <T> ResultPage<T> of(BiFunction<Integer, String, ResultPage<T>> search, Predicate<T> visible, int size,
            String token) {
        List<T> shown = new ArrayList<>(size);
        String next = token;
        for (int reads = 0; reads < MAX_READS; reads++) {
            ResultPage<T> found = search.apply(size - shown.size(), next);
            found.items().stream().filter(visible).forEach(shown::add);
            next = found.nextPageToken();
            if (next == null || shown.size() >= size) {
                break;
            }
        }
        return new ResultPage<>(shown, next);
    }
}

package dev.mlforge.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Walks a paged MLflow search lazily: fetches the next page when the current one is used up. */
final class Pages<T> implements Iterator<T> {
    /** One fetched page: its items and the token of the next page (null or empty on the last page). */
    record Page<T>(List<T> items, String nextPageToken) { }

    private final Function<String, Page<T>> fetch;
    private Iterator<T> current = List.<T>of().iterator();
    private String nextToken;
    private boolean lastFetched;

    private Pages(Function<String, Page<T>> fetch) {
        this.fetch = fetch;
    }

    /** A lazy stream over all pages; {@code fetch} receives the page token (null for the first page). */
    static <T> Stream<T> stream(Function<String, Page<T>> fetch) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages<>(fetch), Spliterator.ORDERED), false);
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !lastFetched) {
            Page<T> page = fetch.apply(nextToken);
            current = page.items() == null ? List.<T>of().iterator() : page.items().iterator();
            nextToken = page.nextPageToken();
            lastFetched = nextToken == null || nextToken.isEmpty();
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}

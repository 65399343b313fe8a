package dev.mlforge.features;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The online store: the latest feature values of each entity key of each view, read by key at serving time. */
public interface OnlineStore extends AutoCloseable {
    /** One entity key's latest values: its encoded key (see {@link EntityKeys}), event time and feature values. */
    record OnlineRow(String entityKey, long eventMillis, Map<String, Object> values) {}

    /** Writes {@code rows}, each replacing the stored row of its key unless the stored one is newer. */
    void write(String viewName, List<OnlineRow> rows);

    /** The stored rows of {@code entityKeys} (missing keys are absent from the answer). */
    Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys);

    /** Drops every row of a view (its definition changed). */
    void clear(String viewName);

    @Override
    default void close() {}
}

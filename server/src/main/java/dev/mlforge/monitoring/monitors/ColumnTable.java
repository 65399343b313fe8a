package dev.mlforge.monitoring.monitors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named columns of equal length, in order. A value is a {@link Double} (numbers), a {@link String} (categories) or
 * null (missing).
 */
public record ColumnTable(Map<String, List<Object>> columns) {
    public ColumnTable {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        int rows = -1;
        for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
            if (rows >= 0 && column.getValue().size() != rows) {
                throw new IllegalArgumentException("column " + column.getKey() + " has " + column.getValue().size()
                        + " values, expected " + rows);
            }
            rows = column.getValue().size();
            copy.put(column.getKey(), Collections.unmodifiableList(new java.util.ArrayList<>(column.getValue())));
        }
        columns = Collections.unmodifiableMap(copy);
    }

    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    public int rowCount() {
        return columns.isEmpty() ? 0 : columns.values().iterator().next().size();
    }

    public List<Object> column(String name) {
        return columns.get(name);
    }
}

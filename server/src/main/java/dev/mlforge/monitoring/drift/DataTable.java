package dev.mlforge.monitoring.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A columnar table: named columns in file order, all of the same length.
 *
 * @param columns the columns in order
 * @param rowCount the number of rows
 */
public record DataTable(List<Column> columns, int rowCount) {
    public DataTable {
        columns = List.copyOf(columns);
        for (Column column : columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size()
                        + " values, expected " + rowCount);
            }
        }
    }

    public static DataTable of(List<Column> columns) {
        return new DataTable(columns, columns.isEmpty() ? 0 : columns.get(0).size());
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    Map<String, Column> byName() {
        Map<String, Column> result = new LinkedHashMap<>();
        columns.forEach(column -> result.put(column.name(), column));
        return result;
    }
}

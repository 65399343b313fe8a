package dev.mlforge.monitoring.drift;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL expressions over one column of a file that {@link LargeDrift} needs: which cells are missing, which are not
 * numbers, and the column's values as DOUBLE or VARCHAR with missing cells as NULL.
 *
 * @param kind the column's kind when its type fixes it (Parquet), or null to decide by {@code notNumberSql} (CSV)
 * @param missingSql true for a missing cell
 * @param notNumberSql true for a present cell that is not a number
 * @param numberSql the cell as DOUBLE, NULL when missing
 * @param textSql the cell as VARCHAR, NULL when missing
 */
record ColumnSql(DriftColumnKind kind, String missingSql, String notNumberSql, String numberSql, String textSql) {
    private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE");
    private static final String MISSING_TOKENS = dev.mlforge.datasets.CsvDialect.MISSING_TOKENS.stream().sorted()
            .map(LargeDrift::literal).collect(Collectors.joining(", "));

    /**
     * A column read as text from a CSV file, judged as {@link CsvTableReader} judges it: missing when blank or an NA
     * token (spaces and tabs around ignored); a number when the cell without surrounding spaces casts to a non-NaN
     * DOUBLE.
     */
    static ColumnSql csv(String engineName) {
        String cell = LargeDrift.identifier(engineName);
        String missing = "(" + cell + " IS NULL OR trim(" + cell + ", ' ' || chr(9)) IN (" + MISSING_TOKENS + "))";
        String cast = "TRY_CAST(trim(" + cell + ", ' ') AS DOUBLE)";
        return new ColumnSql(null, missing, "(NOT " + missing + " AND (" + cast + " IS NULL OR isnan(" + cast + ")))",
                "CASE WHEN " + missing + " THEN NULL ELSE " + cast + " END",
                "CASE WHEN " + missing + " THEN NULL ELSE " + cell + " END");
    }

    /** A Parquet column: numerical for integer, floating and decimal types (NaN counts as missing), else categorical. */
    static ColumnSql parquet(String engineName, String engineType) {
        String cell = LargeDrift.identifier(engineName);
        boolean numeric = NUMERIC_TYPES.contains(engineType) || engineType.startsWith("DECIMAL");
        String asDouble = "CAST(" + cell + " AS DOUBLE)";
        String asText = "CAST(" + cell + " AS VARCHAR)";
        if (numeric) {
            return new ColumnSql(DriftColumnKind.NUMERICAL, "(" + cell + " IS NULL OR isnan(" + asDouble + "))",
                    "false", asDouble, asText);
        }
        return new ColumnSql(DriftColumnKind.CATEGORICAL, cell + " IS NULL", "false", asDouble, asText);
    }
}

package dev.mlforge.training;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.CsvTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Splits a table into train and test parts: stratified by a label column (or not), reproducible by seed. */
public record DataSplit(CsvTable train, CsvTable test) {

    /**
     * Each class contributes {@code round(n * testFraction)} rows to the test part (at least one when it has two or
     * more rows), chosen by a seeded shuffle; the remaining rows keep their original order in the train part.
     */
    public static DataSplit stratified(CsvTable table, String labelColumn, double testFraction, long seed) {
        requireFraction(testFraction);
        int labelIndex = table.columnIndex(labelColumn);
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            byClass.computeIfAbsent(table.rows().get(row).get(labelIndex), key -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        boolean[] inTest = new boolean[table.rowCount()];
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int count = (int) Math.round(rows.size() * testFraction);
            if (count == 0 && rows.size() >= 2) {
                count = 1;
            }
            for (int i = 0; i < Math.min(count, rows.size() - 1); i++) {
                inTest[rows.get(i)] = true;
            }
        }
        return partition(table, inTest);
    }

    public static DataSplit random(CsvTable table, double testFraction, long seed) {
        requireFraction(testFraction);
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            rows.add(row);
        }
        Collections.shuffle(rows, new Random(seed));
        boolean[] inTest = new boolean[table.rowCount()];
        int count = (int) Math.round(rows.size() * testFraction);
        for (int i = 0; i < count; i++) {
            inTest[rows.get(i)] = true;
        }
        return partition(table, inTest);
    }

    private static DataSplit partition(CsvTable table, boolean[] inTest) {
        List<List<String>> train = new ArrayList<>();
        List<List<String>> test = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            (inTest[row] ? test : train).add(table.rows().get(row));
        }
        return new DataSplit(table.withRows(train), table.withRows(test));
    }

    private static void requireFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw MlforgeException.invalidParameter("test_fraction must be strictly between 0 and 1, got " + testFraction);
        }
    }
}

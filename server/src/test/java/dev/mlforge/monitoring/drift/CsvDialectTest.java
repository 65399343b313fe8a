package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetProfiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One CSV dialect: the row reader of datasets, training and pipelines ({@link CsvTable}) and the columnar scanner of
 * drift reports, monitors and {@code mlforge drift} ({@link CsvTableReader}) read every input below the same way, or
 * refuse it with the same message.
 */
class CsvDialectTest {
    @TempDir
    Path folder;

    private static final List<String> ACCEPTED = List.of(
            "a,b\n1,x\n2,y\n",
            "a,b\r\n1,x\r\n\r\n2,y\r\n",                       // CRLF and a blank line
            "\uFEFF a , b \n1,x\n",                            // BOM, names stripped
            "a,b\n1,\"x,y\"\n2,\"say \"\"hi\"\"\"\n",            // separator and escaped quotes in quoted fields
            "a,b\n1,\"two\nlines\"\n2,z\n",                    // a quoted field spanning lines
            "a,b\n1,ab\"c\n2,d\n",                             // a quote inside an unquoted field is data
            "a,b\n1,\"ab\"cd\n2,e\n",                          // text after a closing quote is kept
            "a,b\n NA ,x\nnull,\n  ,None\n3,#N/A\n",           // NA tokens and blanks, spaces ignored
            "a,b\n1,x\r\n2,y\rz\n");                           // a lone CR is data

    private static final List<String> REFUSED = List.of(
            "a,b\n1,x\n2\n",                                   // short row
            "a,b\n1,x\n\n2,y,z\n",                             // long row after a blank line
            "a,b\n1,\"two\nlines\"\n2\n",                      // the line count includes quoted newlines
            "a,a\n1,2\n",                                      // duplicate name
            "a, \n1,2\n",                                      // empty name
            "a,b\n1,\"open\n2,y\n");                           // unterminated quote

    @Test
    void both_readers_read_accepted_inputs_alike() throws Exception {
        for (String csv : ACCEPTED) {
            CsvTable rows = CsvTable.parse(csv, "data.csv");
            DataTable columns = CsvTableReader.read(write(csv), "data.csv");

            assertThat(columns.names()).as(csv).isEqualTo(rows.columns());
            assertThat(columns.rowCount()).as(csv).isEqualTo(rows.rowCount());
            for (String name : rows.columns()) {
                assertThat(cells(columns.column(name).orElseThrow())).as(csv + " column " + name)
                        .isEqualTo(expected(rows.column(name)));
            }
        }
    }

    @Test
    void both_readers_refuse_the_same_inputs_with_the_same_message_naming_the_line() throws Exception {
        for (String csv : REFUSED) {
            Throwable fromRows = catchThrowable(() -> CsvTable.parse(csv, "data.csv"));
            Throwable fromColumns = catchThrowable(() -> CsvTableReader.read(write(csv), "data.csv"));

            assertThat(fromRows).as(csv).isNotNull();
            assertThat(fromColumns).as(csv).isNotNull().hasMessage(fromRows.getMessage());
        }
        assertThat(catchThrowable(() -> CsvTable.parse(REFUSED.get(2), "data.csv")))
                .hasMessage("CSV data.csv: line 4 has 1 fields, the header has 2");
    }

    /** What the columnar reader holds for the row reader's cells: null for missing, numbers when all parse. */
    private static List<Object> expected(List<String> cells) {
        boolean numeric = cells.stream().allMatch(cell -> DatasetProfiler.isMissing(cell) || DatasetProfiler.parseNumber(cell) != null)
                && cells.stream().anyMatch(cell -> !DatasetProfiler.isMissing(cell));
        List<Object> values = new ArrayList<>();
        for (String cell : cells) {
            values.add(DatasetProfiler.isMissing(cell) ? null : numeric ? (Object) DatasetProfiler.parseNumber(cell) : cell);
        }
        return values;
    }

    private static List<Object> cells(Column column) {
        List<Object> values = new ArrayList<>();
        if (column instanceof Column.Numbers numbers) {
            for (double value : numbers.values()) {
                values.add(Double.isNaN(value) ? null : value);
            }
        } else {
            values.addAll(java.util.Arrays.asList(((Column.Categories) column).values()));
        }
        return values;
    }

    private Path write(String csv) throws Exception {
        Path file = Files.createTempFile(folder, "data", ".csv");
        Files.writeString(file, csv);
        return file;
    }
}

package dev.mlforge.datasets;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A UTF-8 CSV file streamed from disk on each read, so a file larger than the heap can be profiled.
 *
 * @param source names the file in error messages
 */
public record CsvFile(Path file, String source) implements CsvSource {
    @Override
    public List<String> columns() {
        try (CsvRows rows = open()) {
            return rows.header();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void forEachRow(Consumer<List<String>> action) {
        try (CsvRows rows = open()) {
            for (List<String> row = rows.next(); row != null; row = rows.next()) {
                action.accept(row);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The whole file in memory. */
    public CsvTable table() {
        try (CsvRows rows = open()) {
            return rows.readAll();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private CsvRows open() throws IOException {
        return CsvRows.open(utf8Reader(file), source);
    }

    /** A strict UTF-8 reader of {@code file}: malformed input fails with a {@link CharacterCodingException}. */
    static java.io.Reader utf8Reader(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private MlforgeException failure(IOException e) {
        if (e instanceof CharacterCodingException) {
            return MlforgeException.invalidParameter("CSV " + source + ": the content is not UTF-8 text");
        }
        return MlforgeException.invalidParameter("Cannot read CSV file " + source + ": " + e.getMessage());
    }
}

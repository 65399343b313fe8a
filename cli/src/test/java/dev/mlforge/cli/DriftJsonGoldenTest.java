package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mlforge drift --format json} prints exactly the committed golden text (src/test/resources/golden/cli/): other
 * tools parse it, so its field names, order, nulls for numbers not computed, indentation and number forms stay put.
 */
class DriftJsonGoldenTest {
    @TempDir
    Path folder;

    @Test
    void drift_json_output_equals_the_golden_text() throws Exception {
        Random random = new Random(7);
        String[] cities = {"Paris", "Berlin", "Madrid"};
        StringBuilder reference = new StringBuilder("x,shifted,city,sparse,gone\n");
        StringBuilder current = new StringBuilder("x,shifted,city,sparse,fresh\n");
        for (int i = 0; i < 120; i++) {
            reference.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(',')
                    .append(cities[random.nextInt(3)]).append(',').append(i % 3 == 0 ? "" : random.nextInt(5))
                    .append(',').append(i).append('\n');
            current.append(random.nextGaussian()).append(',').append(random.nextGaussian() + 1).append(',')
                    .append(i % 10 == 0 ? "Rome" : cities[random.nextInt(3)]).append(',').append("")
                    .append(',').append(i).append('\n');
        }
        Path referenceCsv = Files.writeString(folder.resolve("ref.csv"), reference);
        Path currentCsv = Files.writeString(folder.resolve("cur.csv"), current);
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));

        int exit = commandLine.execute("drift", "--reference", referenceCsv.toString(), "--current", currentCsv.toString(),
                "--format", "json");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(golden("drift.json", out.toString()));
    }

    /** The golden text; without one, writes {@code printed} as a draft under target/ for review and fails. */
    private static String golden(String name, String printed) throws Exception {
        try (InputStream in = DriftJsonGoldenTest.class.getResourceAsStream("/golden/cli/" + name)) {
            if (in == null) {
                Path draft = Files.createDirectories(Path.of("target", "golden-draft")).resolve(name);
                Files.writeString(draft, printed);
                throw new AssertionError("no golden file " + name + "; the printed text is in " + draft.toAbsolutePath());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

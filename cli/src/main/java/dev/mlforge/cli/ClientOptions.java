package dev.mlforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every client command shares: which server to talk to ({@link ServerOptions}) and how to print the answer. */
final class ClientOptions extends ServerOptions {
    private static final ObjectMapper JSON = dev.mlforge.http.Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    /**
     * Reports a downloaded file: its path, or with {@code --json} the fields that name what was downloaded and
     * {@code local_path}.
     */
    void printDownloaded(PrintWriter out, Map<String, String> downloaded, Path written) {
        if (json) {
            Map<String, String> answer = new LinkedHashMap<>(downloaded);
            answer.put("local_path", written.toString());
            printJson(out, answer);
        } else {
            out.println(written);
            out.flush();
        }
    }

    /** Prints {@code value} as indented JSON, the form scripts read. */
    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
        out.flush();
    }
}

package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends every {@code curl} example of docs/serving.md, in document order, to a real server with the model the page
 * assumes, and fails when one is not answered with success or when a request kind the page must show is missing.
 */
class ServingDocsTest {
    private static final String DOC_HOST = "http://localhost:5000";
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    /** A curl command as the page writes it. */
    record Curl(String method, String url, List<String> headers, String body) {
        String route() {
            String path = url.replace(DOC_HOST, "").replaceFirst("\\?.*", "");
            return method + " " + path.replaceAll("/api/v1/deployments/[^/]+", "/api/v1/deployments/{name}")
                    .replaceAll("/v2/models/[^/]+", "/v2/models/{name}");
        }
    }

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void every_curl_example_of_the_serving_page_succeeds_against_the_server() throws IOException {
        LoggedModels models = new LoggedModels(server);
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("iris", TestModels.irisMlflow());
        List<Curl> examples = examples(Files.readString(repositoryRoot().resolve("docs/serving.md")));

        Set<String> routes = new TreeSet<>();
        for (Curl curl : examples) {
            String contentType = null;
            List<String> headers = new ArrayList<>();
            for (String header : curl.headers()) {
                String[] parts = header.split(":\\s*", 2);
                if (parts[0].equalsIgnoreCase("Content-Type")) {
                    contentType = parts[1];
                } else {
                    headers.add(parts[0]);
                    headers.add(parts[1]);
                }
            }
            TestHttp.Response response = server.http().send(curl.method(), curl.url().replace(DOC_HOST, ""), contentType,
                    curl.body(), headers.toArray(String[]::new));
            assertThat(response.status()).as("%s %s %s answered %s", curl.method(), curl.url(), curl.body(), response.body())
                    .isBetween(200, 299);
            routes.add(curl.route());
        }

        assertThat(routes).contains("POST /api/v1/deployments", "PATCH /api/v1/deployments/{name}",
                "POST /api/v1/deployments/{name}/feedback", "POST /api/v1/deployments/{name}/rollback",
                "GET /api/v1/deployments/{name}/predictions", "GET /api/v1/deployments/{name}/shadow-comparison",
                "POST /api/v1/deployments/{name}/invocations", "POST /v2/models/{name}/infer",
                "GET /api/v1/deployments/{name}/history", "DELETE /api/v1/deployments/{name}");
        assertThat(examples).as("the policy examples show canary, shadow and sticky header")
                .anySatisfy(curl -> assertThat(curl.body()).contains("\"canary\"", "\"shadow\"", "\"sticky_header\""));
        assertThat(examples).as("feedback refers to the request id an example chose")
                .anySatisfy(curl -> assertThat(curl.headers()).contains("X-Request-ID: req-42"));
    }

    /** The curl commands of the page's bash blocks, in order. */
    static List<Curl> examples(String markdown) {
        List<Curl> commands = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            for (List<String> words : ShellWords.commands(block.group(1))) {
                if (!words.isEmpty() && words.get(0).equals("curl")) {
                    commands.add(curl(words));
                }
            }
        }
        assertThat(commands).as("curl examples in docs/serving.md").hasSizeGreaterThan(10);
        return commands;
    }

    private static Curl curl(List<String> words) {
        String method = null;
        String url = null;
        String body = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d", "--data", "--data-binary" -> body = words.get(++i);
                case "-o" -> i++;
                default -> {
                    assertThat(word).as("a curl option the test does not know").startsWith(DOC_HOST);
                    url = word;
                }
            }
        }
        return new Curl(method != null ? method : body != null ? "POST" : "GET", url, headers, body);
    }

    private static Path repositoryRoot() {
        Path path = Path.of("").toAbsolutePath();
        while (path != null && !Files.isDirectory(path.resolve("docs"))) {
            path = path.getParent();
        }
        assertThat(path).as("a parent folder holding docs/").isNotNull();
        return path;
    }

    /** Splits shell text into commands of words: quotes, backslash-newline continuations, one command per line. */
    static final class ShellWords {
        private ShellWords() {}

        static List<List<String>> commands(String text) {
            List<List<String>> commands = new ArrayList<>();
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\n') {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                    if (c == '\n' && !words.isEmpty()) {
                        commands.add(words);
                        words = new ArrayList<>();
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            if (!words.isEmpty()) {
                commands.add(words);
            }
            return commands;
        }
    }
}

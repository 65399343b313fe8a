package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.sdk.CredentialsFile;
import dev.mlforge.sdk.ServerLocation;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge login}: signs in to a server and stores a token for it in the credentials file (0600), which client
 * commands and the SDK then send. With a user name and password it creates an API token on the server
 * ({@code POST /api/v1/tokens}); with {@code --token} it checks and stores a token obtained elsewhere (an API token or
 * an OIDC access token).
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in and store a token for the server in ~/.mlforge/credentials (readable by you only).")
final class LoginCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--username", description = "User name (default: $MLFLOW_TRACKING_USERNAME).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input "
            + "(default: $MLFLOW_TRACKING_PASSWORD, else a prompt).")
    boolean passwordStdin;

    @Option(names = "--token", description = "Store this token (API token or OIDC access token) instead of signing in.")
    String token;

    @Option(names = "--token-name", defaultValue = "mlforge-cli", description = "Name of the API token created (default: ${DEFAULT-VALUE}).")
    String tokenName;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Where to store the token (default: $MLFORGE_CREDENTIALS, else ~/.mlforge/credentials).")
    Path credentialsFile;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = System.getenv();
        ServerLocation location = server.location(environment);
        String baseUrl = location.baseUrl();
        String stored = token != null ? checked(baseUrl, token.strip()) : created(baseUrl, environment);
        CredentialsFile file = credentialsFile != null
                ? CredentialsFile.of(Map.of("MLFORGE_CREDENTIALS", credentialsFile.toString())).orElseThrow()
                : CredentialsFile.of(environment).orElseThrow(() -> new IllegalArgumentException(
                        "cannot find the home folder: set HOME, MLFORGE_CREDENTIALS or --credentials-file"));
        file.save(baseUrl, stored);
        spec.commandLine().getOut().println("Logged in to " + baseUrl + "; token stored in " + file.path());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String created(String baseUrl, Map<String, String> environment) throws IOException, InterruptedException {
        String user = username != null ? username : environment.get("MLFLOW_TRACKING_USERNAME");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("name the user with --username or MLFLOW_TRACKING_USERNAME, or pass --token");
        }
        String password = password(environment);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String body = Json.mapper().writeValueAsString(Map.of("name", tokenName));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tokens"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.mapper().readTree(response.body());
        if (response.statusCode() != 201 || !answer.path("secret").isTextual()) {
            throw new IllegalArgumentException("login refused by " + baseUrl + " (" + response.statusCode() + "): "
                    + answer.path("message").asText(response.body()));
        }
        return answer.path("secret").asText();
    }

    private String password(Map<String, String> environment) throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
        if (environment.get("MLFLOW_TRACKING_PASSWORD") != null) {
            return environment.get("MLFLOW_TRACKING_PASSWORD");
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask the password: use --password-stdin or MLFLOW_TRACKING_PASSWORD");
        }
        return new String(console.readPassword("Password: "));
    }

    private String checked(String baseUrl, String candidate) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/mlflow/users/current"))
                .header("Authorization", "Bearer " + candidate).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("the token was refused by " + baseUrl + " (" + response.statusCode() + ")");
        }
        return candidate;
    }
}

package dev.mlforge.sdk;

import java.util.Map;
import java.util.Optional;

/**
 * Where a client finds the mlforge server, resolved one way for every client: an explicit URI, else the
 * {@code MLFORGE_TRACKING_URI} environment variable, else MLflow's {@code MLFLOW_TRACKING_URI}, else
 * {@value #DEFAULT_TRACKING_URI}. Credentials come from the environment as MLflow's clients read them: a bearer token
 * from {@code MLFORGE_TRACKING_TOKEN}, {@code MLFORGE_TOKEN} or {@code MLFLOW_TRACKING_TOKEN}, else basic
 * authentication from {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}, else the token
 * {@code mlforge login} stored for this server ({@link CredentialsFile}). The workspace comes from
 * {@code MLFORGE_WORKSPACE}, else MLflow's {@code MLFLOW_WORKSPACE}, else the server's default.
 *
 * <pre>{@code
 * MlforgeClient client = ServerLocation.fromEnvironment().builder().build();
 * }</pre>
 */
public final class ServerLocation {
    /** The server a client talks to when nothing names one. */
    public static final String DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";

    private final String trackingUri;
    private final String source;
    private final String authorization;
    private final String workspace;

    private ServerLocation(String trackingUri, String source, String authorization, String workspace) {
        this.trackingUri = trackingUri;
        this.source = source;
        this.authorization = authorization;
        this.workspace = workspace;
    }

    /**
     * Resolves the server from an explicit URI and an environment.
     *
     * @param explicit    a URI given by the caller (a command-line flag), or null
     * @param environment the environment variables to read, e.g. {@code System.getenv()}
     * @return the location; its URI is not checked here but by {@link MlforgeClient#builder(String)}
     */
    public static ServerLocation resolve(String explicit, Map<String, String> environment) {
        if (isSet(explicit)) {
            return located(explicit.strip(), "--tracking-uri", environment);
        }
        for (String variable : new String[] {"MLFORGE_TRACKING_URI", "MLFLOW_TRACKING_URI"}) {
            if (isSet(environment.get(variable))) {
                return located(environment.get(variable).strip(), variable, environment);
            }
        }
        return located(DEFAULT_TRACKING_URI, "default", environment);
    }

    private static ServerLocation located(String uri, String source, Map<String, String> environment) {
        String authorization = authorization(environment);
        if (authorization == null) {
            authorization = CredentialsFile.of(environment).flatMap(file -> file.tokenFor(uri)).map(token -> "Bearer " + token)
                    .orElse(null);
        }
        return new ServerLocation(uri, source, authorization, firstSet(environment.get("MLFORGE_WORKSPACE"),
                environment.get("MLFLOW_WORKSPACE")));
    }

    /**
     * Resolves the server from this process's environment.
     *
     * @return the location
     */
    public static ServerLocation fromEnvironment() {
        return resolve(null, System.getenv());
    }

    /**
     * The server's URL as given.
     *
     * @return the tracking URI
     */
    public String trackingUri() {
        return trackingUri;
    }

    /**
     * The server's base URL, checked and without a trailing slash, for callers that send their own HTTP requests.
     *
     * @return the base URL
     * @throws IllegalArgumentException when the URI is not an http or https URL
     */
    public String baseUrl() {
        return MlforgeClient.Builder.normalize(trackingUri);
    }

    /**
     * Where the URI came from.
     *
     * @return {@code --tracking-uri}, {@code MLFORGE_TRACKING_URI}, {@code MLFLOW_TRACKING_URI} or {@code default}
     */
    public String source() {
        return source;
    }

    /**
     * Whether nothing named a server, so the URI is {@link #DEFAULT_TRACKING_URI}.
     *
     * @return true when the default applies
     */
    public boolean isDefault() {
        return "default".equals(source);
    }

    /**
     * The {@code Authorization} header value the credentials make, for callers that send their own HTTP requests.
     *
     * @return the header value, or empty without credentials
     */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(authorization);
    }

    /**
     * This location working in another workspace.
     *
     * @param name the workspace, or null to keep the one the environment named
     * @return the location with that workspace
     */
    public ServerLocation withWorkspace(String name) {
        return isSet(name) ? new ServerLocation(trackingUri, source, authorization, name.strip()) : this;
    }

    /** The workspace the clients of this location work in, or null for the server's default. */
    public String workspace() {
        return workspace;
    }

    /**
     * A client builder for this server with these credentials, in this workspace.
     *
     * @return the builder
     * @throws IllegalArgumentException when the URI is not an http or https URL
     */
    public MlforgeClient.Builder builder() {
        return MlforgeClient.builder(trackingUri).authorization(authorization).workspace(workspace);
    }

    private static String authorization(Map<String, String> environment) {
        String token = firstSet(environment.get("MLFORGE_TRACKING_TOKEN"), environment.get("MLFORGE_TOKEN"),
                environment.get("MLFLOW_TRACKING_TOKEN"));
        String user = environment.get("MLFLOW_TRACKING_USERNAME");
        String password = environment.get("MLFLOW_TRACKING_PASSWORD");
        if (token != null) {
            return "Bearer " + token;
        }
        if (user != null && !user.isEmpty() && password != null) {
            return MlforgeClient.Builder.basic(user, password);
        }
        return null;
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (isSet(candidate)) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return trackingUri + " (from " + source + ")";
    }
}

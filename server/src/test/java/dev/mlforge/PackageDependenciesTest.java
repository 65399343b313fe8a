package dev.mlforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages depend on each other only along the edges written down here, and those edges form no
 * cycle: features own their ports, the adapters between features live in {@code app}, and events that cross
 * features live in {@code events}. The graph is read from the main sources, so a new import shows up at once.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/mlforge");
    /** api-model's wire records and error codes: another jar, usable everywhere. */
    private static final String API_MODEL = "api";
    /** Plumbing below every feature (the one thread factory): any package may use it, and it uses none. */
    private static final String CONCURRENT = "concurrent";
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.mlforge\\.([a-z]+)\\b");

    /** Every top-level package and the packages it may use; {@code app} wires them all and nothing uses it. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("config", Set.of()),
            Map.entry(CONCURRENT, Set.of()),
            Map.entry("events", Set.of()),
            Map.entry("http", Set.of("config")),
            Map.entry("search", Set.of("http", "store")),
            Map.entry("store", Set.of("http", "config")),
            Map.entry("models", Set.of("http")),
            Map.entry("cluster", Set.of("store", "config")),
            Map.entry("artifacts", Set.of("http", "config")),
            Map.entry("tracking", Set.of("http", "store", "search", "config")),
            Map.entry("grpc", Set.of("http", "config")),
            Map.entry("tracing", Set.of("http", "grpc", "store", "search")),
            Map.entry("datasets", Set.of("http", "config", "store", "artifacts")),
            Map.entry("training", Set.of("http", "datasets", "models")),
            Map.entry("auth", Set.of("http", "config", "store", "models")),
            Map.entry("registry", Set.of("http", "store", "search", "events", "artifacts", "models")),
            Map.entry("serving", Set.of("http", "grpc", "store", "events", "config", "training", "models", "artifacts")),
            Map.entry("outbound", Set.of()),
            Map.entry("monitoring", Set.of("http", "store", "events", "config", "artifacts", "datasets", "outbound", "cluster")),
            Map.entry("pipelines", Set.of("http", "store", "events", "config", "datasets", "training", "models", "cluster",
                    "artifacts")),
            Map.entry("webhooks", Set.of("http", "store", "search", "events", "config", "outbound")),
            Map.entry("audit", Set.of("http", "store", "config")),
            // features reports drift of views with monitoring's drift engine
            Map.entry("features", Set.of("http", "store", "datasets", "cluster", "monitoring")),
            // workspaces scope requests before auth's policy and hand auth the memberships through its port
            Map.entry("workspaces", Set.of("http", "store", "auth")),
            // the web UI reads what the features answer (as app wires them) and is used by nothing but app
            Map.entry("ui", Set.of("http", "config", "store", "search", "events", "models", "artifacts", "tracking", "tracing",
                    "datasets", "training", "registry", "serving", "monitoring", "pipelines", "webhooks", "audit", "auth")),
            Map.entry("app", Set.of("auth", "audit", "http", "grpc", "store", "search", "events", "config", "models", "artifacts",
                    "tracking", "tracing", "datasets", "training", "registry", "serving", "monitoring", "pipelines", "webhooks",
                    "cluster", "features", "ui", "workspaces"))));

    @Test
    void every_package_of_the_server_has_a_row_in_the_table() {
        assertThat(ALLOWED.keySet()).containsAll(graph().keySet());
    }

    @Test
    void packages_use_only_the_allowed_packages() {
        List<String> forbidden = new ArrayList<>();
        for (Path file : javaFiles()) {
            String from = topLevelPackage(file);
            for (String to : references(file)) {
                if (!to.equals(from) && !to.equals(API_MODEL) && !to.equals(CONCURRENT)
                        && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                    forbidden.add(SOURCES.relativize(file) + " uses " + to);
                }
            }
        }
        assertThat(forbidden).as("uses outside the table: add a port in the using feature and an adapter in app/").isEmpty();
    }

    @Test
    void the_package_graph_has_no_cycle() {
        assertThat(cycle(graph())).as("a cycle in the packages read from the sources").isEmpty();
    }

    @Test
    void the_allowed_table_has_no_cycle() {
        assertThat(cycle(ALLOWED)).isEmpty();
    }

    @Test
    void the_cycle_finder_finds_a_cycle() {
        Map<String, Set<String>> registryAndServing = Map.of("registry", Set.of("serving"), "serving", Set.of("registry"));
        assertThat(cycle(registryAndServing)).containsAnyOf("registry", "serving").hasSize(3);
    }

    /** Package to the other packages of the server its sources name (api-model excluded). */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : javaFiles()) {
            String from = topLevelPackage(file);
            Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
            for (String to : references(file)) {
                if (!to.equals(from) && !to.equals(API_MODEL)) {
                    targets.add(to);
                }
            }
        }
        return graph;
    }

    /** A cycle as the path of its packages, first and last the same; empty when the graph has none. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> found = visit(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }

    private static List<Path> javaFiles() {
        assertThat(SOURCES).as("run from the server module").isDirectory();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String topLevelPackage(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    /** The server packages a source file names anywhere but in its package declaration. */
    private static Set<String> references(Path file) {
        Set<String> packages = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("package ")) {
                    continue;
                }
                Matcher matcher = REFERENCE.matcher(line);
                while (matcher.find()) {
                    packages.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }
}

package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/docker-compose.yml parsed as YAML and checked as {@code docker compose config} and a reviewer would:
 * the five services, healthchecks, start order, volumes declared, bind mounts that exist, and the Prometheus and
 * Grafana files wired to the shipped rules and dashboard.
 */
class ComposeStackTest {
    private static final Path DIR = Repo.root().resolve("deploy/compose");
    private static final ObjectNode COMPOSE = Repo.yaml(Repo.file("deploy/compose/docker-compose.yml"));
    private static final JsonNode SERVICES = COMPOSE.path("services");

    @Test
    void the_stack_runs_mlforge_postgres_an_s3_store_prometheus_and_grafana_each_with_a_healthcheck() {
        assertThat(names(SERVICES)).contains("mlforge", "postgres", "minio", "prometheus", "grafana");
        names(SERVICES).stream().filter(name -> !SERVICES.path(name).path("restart").asText().equals("no"))
                .forEach(name -> assertThat(healthcheck(name)).as(name + " healthcheck").isNotEmpty());
        assertThat(healthcheck("mlforge")).containsExactly("CMD", "/opt/mlforge/bin/healthcheck");
        assertThat(healthcheck("postgres")).anySatisfy(word -> assertThat(word).contains("pg_isready"));
    }

    @Test
    void mlforge_starts_after_its_stores_and_talks_to_them_by_service_name() {
        JsonNode mlforge = SERVICES.path("mlforge");
        JsonNode dependsOn = mlforge.path("depends_on");
        assertThat(dependsOn.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("minio").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("minio-bucket").path("condition").asText()).isEqualTo("service_completed_successfully");
        JsonNode env = mlforge.path("environment");
        assertThat(env.path("MLFORGE_BACKEND_STORE_URI").asText()).matches("postgresql://mlforge:.+@postgres:5432/mlforge");
        assertThat(env.path("AWS_ENDPOINT_URL").asText()).isEqualTo("http://minio:9000");
        assertThat(env.path("MLFORGE_ARTIFACTS_DESTINATION").asText()).startsWith("s3://mlforge/");
        assertThat(SERVICES.path("minio-bucket").path("entrypoint").toString()).contains("mc mb --ignore-existing local/mlforge");
        assertThat(env.path("MLFORGE_AUTH_MODE").asText()).isEqualTo("basic");
        assertThat(mlforge.path("build").path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
        assertThat(DIR.resolve(mlforge.path("build").path("context").asText()).resolve("deploy/docker/Dockerfile")).isRegularFile();
        assertThat(mlforge.path("read_only").asBoolean()).isTrue();
        assertThat(texts(mlforge.path("tmpfs"))).contains("/tmp");
        assertThat(texts(mlforge.path("volumes"))).contains("mlforge-data:/var/lib/mlforge");
    }

    @Test
    void named_volumes_are_declared_bind_mounts_exist_and_ports_stay_on_loopback() {
        Set<String> declared = Set.copyOf(names(COMPOSE.path("volumes")));
        List<String> problems = new ArrayList<>();
        for (String service : names(SERVICES)) {
            for (String volume : texts(SERVICES.path(service).path("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(DIR.resolve(source).normalize())) {
                        problems.add(service + " mounts " + source + ", which does not exist");
                    }
                } else if (!declared.contains(source)) {
                    problems.add(service + " uses volume " + source + ", which is not declared");
                }
            }
            for (String port : texts(SERVICES.path(service).path("ports"))) {
                if (!port.startsWith("127.0.0.1:")) {
                    problems.add(service + " publishes " + port + " beyond loopback");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void prometheus_scrapes_mlforge_with_the_shipped_rules_and_grafana_provisions_the_shipped_dashboard() {
        ObjectNode prometheus = Repo.yaml(DIR.resolve("prometheus.yml"));
        Map<String, String> mounts = mounts("prometheus");
        String rules = prometheus.path("rule_files").path(0).asText();
        assertThat(mounts).containsEntry(rules, "../prometheus/alerts.yml");
        assertThat(mounts).containsEntry("/etc/prometheus/prometheus.yml", "./prometheus.yml");
        JsonNode job = prometheus.path("scrape_configs").path(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(texts(job.path("static_configs").path(0).path("targets"))).containsExactly("mlforge:5000");
        assertThat(job.path("basic_auth").path("username").asText())
                .isEqualTo(SERVICES.path("mlforge").path("environment").path("MLFORGE_ADMIN_USERNAME").asText());
        assertThat(SERVICES.path("prometheus").path("entrypoint").toString()).contains(job.path("basic_auth").path("password_file").asText());
        assertThat(SERVICES.path("mlforge").path("environment").path("MLFORGE_ALLOWED_HOSTS").asText()).contains("mlforge:5000");

        Map<String, String> grafana = mounts("grafana");
        assertThat(grafana).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");
        ObjectNode provider = Repo.yaml(DIR.resolve("grafana/provisioning/dashboards/mlforge.yml"));
        String dashboards = provider.path("providers").path(0).path("options").path("path").asText();
        assertThat(grafana).containsEntry(dashboards + "/mlforge-dashboard.json", "../grafana/mlforge-dashboard.json");
        ObjectNode datasource = Repo.yaml(DIR.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource.path("datasources").path(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(datasource.path("datasources").path(0).path("type").asText()).isEqualTo("prometheus");
    }

    @Test
    void every_compose_variable_has_a_default_and_the_example_env_file_names_them() {
        String text = Repo.text(Repo.file("deploy/compose/docker-compose.yml"));
        var matcher = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+)(:-[^}]*)?}").matcher(text);
        Set<String> withoutDefault = new java.util.TreeSet<>();
        Set<String> variables = new java.util.TreeSet<>();
        while (matcher.find()) {
            variables.add(matcher.group(1));
            if (matcher.group(2) == null) {
                withoutDefault.add(matcher.group(1));
            }
        }
        assertThat(withoutDefault).as("one command up needs no variables set").isEmpty();
        String example = Repo.text(Repo.file("deploy/compose/.env.example"));
        assertThat(variables).allSatisfy(variable -> assertThat(example).contains(variable + "="));
    }

    @Test
    void the_mlforge_environment_is_a_configuration_the_server_accepts() {
        // An unknown MLFORGE_* variable or a bad value stops the server at start: load it as the server would.
        Map<String, String> environment = new java.util.HashMap<>();
        SERVICES.path("mlforge").path("environment").fields().forEachRemaining(field ->
                environment.put(field.getKey(), field.getValue().asText().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));

        dev.mlforge.config.ServerConfig config = dev.mlforge.config.ServerConfig.from(
                new dev.mlforge.config.ConfigLoader(environment).load(null, Map.of()));

        assertThat(config.backendStoreUri()).isEqualTo("postgresql://mlforge:mlforge-dev@postgres:5432/mlforge");
        assertThat(config.values().string("auth.mode", "none")).isEqualTo("basic");
    }

    /** Container path to host source of the service's bind mounts. */
    private static Map<String, String> mounts(String service) {
        return texts(SERVICES.path(service).path("volumes")).stream().map(v -> v.split(":"))
                .filter(parts -> parts[0].startsWith(".")).collect(Collectors.toMap(parts -> parts[1], parts -> parts[0]));
    }

    private static List<String> healthcheck(String service) {
        return texts(SERVICES.path(service).path("healthcheck").path("test"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}

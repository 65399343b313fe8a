package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/helm/mlforge, without a helm binary: the chart's metadata, every {@code .Values} path its templates read
 * exists in values.yaml, and its values for each mode agree with the Kustomize overlay of the same mode on what
 * matters (replicas, strategy, autoscaling, budget, migration, volume, probes, resources, security contexts, the
 * configuration file, the secret's keys, the network policy, the ingress).
 */
class HelmChartTest {
    private static final Path CHART = Repo.root().resolve("deploy/helm/mlforge");

    @Test
    void the_chart_is_a_v2_application_chart_with_a_template_for_every_kind_the_manifests_hold() throws IOException {
        ObjectNode chart = Repo.yaml(CHART.resolve("Chart.yaml"));
        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("name").asText()).isEqualTo("mlforge");
        assertThat(chart.path("type").asText()).isEqualTo("application");
        assertThat(chart.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");

        Set<String> templated = new TreeSet<>();
        for (Path template : templates()) {
            Matcher kind = Pattern.compile("(?m)^kind: (\\w+)$").matcher(Repo.text(template));
            while (kind.find()) {
                templated.add(kind.group(1));
            }
        }
        Set<String> rendered = new TreeSet<>();
        Stream.of("single", "replicated").flatMap(o -> Kustomize.build(Repo.root().resolve("deploy/kubernetes/overlays/" + o)).stream())
                .map(o -> o.path("kind").asText()).filter(kind -> !kind.equals("Namespace")).forEach(rendered::add);
        assertThat(templated).isEqualTo(rendered);
    }

    @Test
    void every_value_a_template_reads_is_defined_in_values_yaml() throws IOException {
        ObjectNode values = Repo.yaml(CHART.resolve("values.yaml"));
        List<String> undefined = new ArrayList<>();
        List<Path> files = new ArrayList<>(templates());
        files.add(CHART.resolve("templates/NOTES.txt"));
        for (Path template : files) {
            Matcher reference = Pattern.compile("\\.Values((?:\\.[A-Za-z]\\w*)+)").matcher(Repo.text(template));
            while (reference.find()) {
                if (values.at(reference.group(1).replace('.', '/')).isMissingNode()) {
                    undefined.add(template.getFileName() + ": .Values" + reference.group(1));
                }
            }
        }
        assertThat(undefined).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "replicated"})
    void the_values_of_a_mode_agree_with_its_kustomize_overlay(String mode) {
        ObjectNode values = Repo.yaml(CHART.resolve("values.yaml"));
        merge(values, Repo.yaml(CHART.resolve("values-" + mode + ".yaml")));
        List<ObjectNode> manifests = Kustomize.build(Repo.root().resolve("deploy/kubernetes/overlays/" + mode));
        ObjectNode deployment = only(manifests, "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        boolean autoscaling = values.at("/autoscaling/enabled").asBoolean();
        assertThat(deployment.at("/spec/replicas").asInt())
                .isEqualTo(autoscaling ? values.at("/autoscaling/minReplicas").asInt() : values.at("/replicaCount").asInt());
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo(values.at("/strategy/type").asText());
        assertThat(find(manifests, "HorizontalPodAutoscaler")).hasSize(autoscaling ? 1 : 0);
        find(manifests, "HorizontalPodAutoscaler").forEach(hpa -> {
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(values.at("/autoscaling/minReplicas").asInt());
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(values.at("/autoscaling/maxReplicas").asInt());
            assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt())
                    .isEqualTo(values.at("/autoscaling/targetCPUUtilizationPercentage").asInt());
            assertThat(hpa.at("/spec/metrics/1/pods/target/averageValue").asText())
                    .isEqualTo(values.at("/autoscaling/requestsPerSecond").asText());
            assertThat(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt())
                    .isEqualTo(values.at("/autoscaling/scaleDownStabilizationSeconds").asInt());
        });
        assertThat(find(manifests, "PodDisruptionBudget")).hasSize(values.at("/pdb/enabled").asBoolean() ? 1 : 0);
        find(manifests, "PodDisruptionBudget").forEach(pdb -> assertThat(pdb.at("/spec/minAvailable").asInt())
                .isEqualTo(values.at("/pdb/minAvailable").asInt()));
        assertThat(find(manifests, "Job")).hasSize(values.at("/migration/enabled").asBoolean() ? 1 : 0);
        find(manifests, "Job").forEach(job -> {
            JsonNode migrate = job.at("/spec/template/spec/containers/0");
            assertThat(migrate.path("resources")).isEqualTo(values.at("/migration/resources"));
            assertThat(Repo.text(CHART.resolve("templates/migration-job.yaml")))
                    .contains("args: " + migrate.path("args").toString().replace(",", ", "));
        });
        boolean persistent = values.at("/persistence/enabled").asBoolean();
        assertThat(find(manifests, "PersistentVolumeClaim")).hasSize(persistent ? 1 : 0);
        find(manifests, "PersistentVolumeClaim").forEach(pvc -> {
            assertThat(pvc.at("/spec/resources/requests/storage").asText()).isEqualTo(values.at("/persistence/size").asText());
            assertThat(pvc.at("/spec/accessModes")).isEqualTo(values.at("/persistence/accessModes"));
        });
        assertThat(pod.at("/volumes/0/persistentVolumeClaim").isMissingNode()).isEqualTo(!persistent);

        for (String probe : List.of("readiness", "liveness", "startup")) {
            JsonNode rendered = container.path(probe + "Probe");
            JsonNode wanted = values.at("/probes/" + probe);
            assertThat(rendered.at("/httpGet/path").asText()).as(probe).isEqualTo(wanted.path("path").asText());
            wanted.fieldNames().forEachRemaining(field -> {
                if (!field.equals("path")) {
                    assertThat(rendered.path(field)).as(probe + " " + field).isEqualTo(wanted.path(field));
                }
            });
        }
        assertThat(container.path("resources")).isEqualTo(values.path("resources"));
        assertThat(container.path("securityContext")).isEqualTo(values.path("securityContext"));
        assertThat(pod.path("securityContext")).isEqualTo(values.path("podSecurityContext"));
        assertThat(pod.path("terminationGracePeriodSeconds")).isEqualTo(values.path("terminationGracePeriodSeconds"));
        assertThat(container.at("/lifecycle/preStop/exec/command/1").asText()).isEqualTo(values.path("preStopSleepSeconds").asText());
        assertThat(container.path("image").asText()).isEqualTo(values.at("/image/repository").asText() + ":"
                + Repo.yaml(CHART.resolve("Chart.yaml")).path("appVersion").asText());
        assertThat(container.at("/ports/0/containerPort")).isEqualTo(values.at("/config/port"));
        assertThat(container.at("/ports/1/containerPort")).isEqualTo(values.at("/config/grpc-port"));
        assertThat(pod.at("/volumes/2/emptyDir/sizeLimit").asText()).isEqualTo(values.path("tmpSizeLimit").asText());

        ObjectNode configMap = only(manifests, "ConfigMap");
        assertThat(Repo.yaml(configMap.at("/data/mlforge.yaml").asText())).isEqualTo(values.path("config"));
        Set<String> secretKeys = new TreeSet<>();
        only(manifests, "Secret").path("stringData").fieldNames().forEachRemaining(secretKeys::add);
        assertThat(secretKeys).isEqualTo(helmSecretKeys(values));

        ObjectNode policy = only(manifests, "NetworkPolicy");
        List<String> namespaces = new ArrayList<>();
        policy.at("/spec/ingress/0/from").forEach(from -> {
            if (from.has("namespaceSelector")) {
                namespaces.add(from.at("/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText());
            }
        });
        assertThat(namespaces).isEqualTo(texts(values.at("/networkPolicy/ingressNamespaces")));
        List<String> egress = new ArrayList<>();
        policy.at("/spec/egress/1/ports").forEach(port -> egress.add(port.path("port").asText()));
        assertThat(egress).isEqualTo(texts(values.at("/networkPolicy/egressPorts")));

        ObjectNode ingress = only(manifests, "Ingress");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo(values.at("/ingress/host").asText());
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo(values.at("/ingress/className").asText());
        assertThat(ingress.at("/metadata/annotations")).isEqualTo(values.at("/ingress/annotations"));
        assertThat(only(manifests, "ServiceMonitor").at("/spec/endpoints/0/interval").asText())
                .isEqualTo(values.at("/serviceMonitor/interval").asText());
    }

    @Test
    void the_values_merge_as_helm_merges_them() {
        ObjectNode base = Repo.yaml("a: {b: 1, c: [1, 2]}\nd: x\n");
        merge(base, Repo.yaml("a: {c: [3]}\nd: y\n"));
        assertThat(base).isEqualTo(Repo.yaml("a: {b: 1, c: [3]}\nd: y\n"));
    }

    /** The keys templates/secret.yaml writes for these values. */
    private static Set<String> helmSecretKeys(JsonNode values) {
        Set<String> keys = new TreeSet<>(Set.of("MLFORGE_ADMIN_USERNAME", "MLFORGE_ADMIN_PASSWORD"));
        JsonNode secret = values.path("secret");
        if (!secret.path("backendStoreUri").asText().isEmpty()) {
            keys.add("MLFORGE_BACKEND_STORE_URI");
        }
        if (!secret.at("/s3/accessKeyId").asText().isEmpty()) {
            keys.addAll(Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"));
            if (!secret.at("/s3/endpointUrl").asText().isEmpty()) {
                keys.add("AWS_ENDPOINT_URL");
            }
        }
        return keys;
    }

    /** Helm's merge of a values file over the defaults: maps merge key by key, anything else replaces. */
    static void merge(ObjectNode base, JsonNode override) {
        override.fields().forEachRemaining(field -> {
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".tpl")).sorted().toList();
        }
    }

    private static List<ObjectNode> find(List<ObjectNode> manifests, String kind) {
        return manifests.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static ObjectNode only(List<ObjectNode> manifests, String kind) {
        List<ObjectNode> found = find(manifests, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}

package dev.mlforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.config.ConfigKey;
import dev.mlforge.config.ConfigKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes rendered per overlay (base + patches, as {@code kubectl apply -k} would) and parsed into fabric8's
 * typed Kubernetes model; then the checks a reviewer would make: probes on the server's health routes, no root, limits
 * set, selectors that select, references that resolve, and each mode's own shape.
 */
class KubernetesManifestsTest {
    static TypedManifests render(String overlay) {
        return TypedManifests.of(Kustomize.build(Repo.root().resolve("deploy/kubernetes/overlays/" + overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "replicated"})
    void every_pod_is_probed_runs_as_non_root_on_a_read_only_root_and_has_limits(String overlay) {
        TypedManifests manifests = render(overlay);
        Deployment deployment = manifests.get(Deployment.class, "mlforge");
        Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(httpGet(server.getReadinessProbe())).isEqualTo("/health/ready @ http");
        assertThat(httpGet(server.getLivenessProbe())).isEqualTo("/health/live @ http");
        assertThat(server.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .contains(org.assertj.core.groups.Tuple.tuple("http", 5000));
        for (PodSpec pod : pods(manifests)) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            for (Container container : pod.getContainers()) {
                String name = container.getName();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getImage()).as(name).isEqualTo(server.getImage());
                Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
                assertThat(container.getVolumeMounts()).as(name).allSatisfy(mount -> assertThat(volumes).contains(mount.getName()));
                assertThat(container.getVolumeMounts()).as(name + " writable /tmp and data")
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"))
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/var/lib/mlforge"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "replicated"})
    void selectors_select_the_pods_and_references_resolve(String overlay) {
        TypedManifests manifests = render(overlay);
        Deployment deployment = manifests.get(Deployment.class, "mlforge");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = manifests.get(Service.class, "mlforge");
        Set<String> containerPorts = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .map(ContainerPort::getName).collect(Collectors.toSet());

        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).allSatisfy(port -> assertThat(containerPorts).contains(port.getTargetPort().getStrVal()));
        assertThat(podLabels).containsAllEntriesOf(manifests.get(NetworkPolicy.class, "mlforge").getSpec().getPodSelector().getMatchLabels());
        ServiceMonitor monitor = manifests.get(ServiceMonitor.class, "mlforge");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
            assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName()).isEqualTo(endpoint.getPort()));
            assertThat(secretKeys(manifests, endpoint.getBasicAuth().getPassword().getName()))
                    .contains(endpoint.getBasicAuth().getPassword().getKey(), endpoint.getBasicAuth().getUsername().getKey());
        });
        manifests.get(Ingress.class, "mlforge").getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
            assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName())
                    .isEqualTo(path.getBackend().getService().getPort().getName()));
        }));
        for (PodSpec pod : pods(manifests)) {
            pod.getVolumes().stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> assertThat(manifests.find(ConfigMap.class, v.getConfigMap().getName())).isPresent());
            pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).forEach(v -> assertThat(
                    manifests.find(PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName())).isPresent());
            pod.getContainers().forEach(c -> c.getEnvFrom().forEach(source -> assertThat(
                    manifests.find(Secret.class, source.getSecretRef().getName())).isPresent()));
            assertThat(pod.getServiceAccountName()).isEqualTo("mlforge");
        }
        assertThat(manifests.all()).filteredOn(o -> !o.getKind().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("mlforge"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "replicated"})
    void the_configuration_names_only_keys_the_server_accepts(String overlay) {
        // The server refuses to start on an unknown key in its file or an unknown MLFORGE_* variable.
        TypedManifests manifests = render(overlay);
        Set<String> keys = ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
        Set<String> variables = Stream.concat(ConfigKeys.ALL.stream().map(ConfigKey::environmentVariable),
                ConfigKeys.OTHER_VARIABLES.keySet().stream()).collect(Collectors.toSet());

        JsonNode file = Repo.yaml(manifests.get(ConfigMap.class, "mlforge").getData().get("mlforge.yaml"));
        assertThat(flatten("", file)).isNotEmpty().allSatisfy(key -> assertThat(keys).as("config file key").contains(key));
        Set<String> environment = new HashSet<>(secretKeys(manifests, "mlforge"));
        pods(manifests).forEach(pod -> pod.getContainers().forEach(c -> c.getEnv().forEach(env -> environment.add(env.getName()))));
        assertThat(environment).filteredOn(name -> name.startsWith("MLFORGE_"))
                .isNotEmpty().allSatisfy(name -> assertThat(variables).as("environment variable").contains(name));
    }

    @Test
    void the_replicated_mode_scales_2_to_5_keeps_one_pod_through_disruptions_and_migrates_first() {
        TypedManifests manifests = render("replicated");
        Deployment deployment = manifests.get(Deployment.class, "mlforge");
        HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, "mlforge");
        PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, "mlforge");
        Job migration = manifests.get(Job.class, "mlforge-migrate");

        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource", "Pods");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getMetric().getName()).isEqualTo("mlforge_serving_requests_per_second");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(hpa.getSpec().getMinReplicas());
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();

        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isBetween(1, hpa.getSpec().getMinReplicas() - 1);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

        Container migrate = migration.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(migrate.getArgs()).containsSequence("server", "--port", "0", "--exit-when-ready");
        assertThat(migration.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(migration.getSpec().getTemplate().getMetadata().getLabels())
                .as("the Job's pod is not one of the Service's").doesNotContainEntry("app.kubernetes.io/name", "mlforge");

        Secret secret = manifests.get(Secret.class, "mlforge");
        assertThat(secret.getStringData().get("MLFORGE_BACKEND_STORE_URI")).startsWith("postgresql://");
        assertThat(secret.getStringData()).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        JsonNode file = Repo.yaml(manifests.get(ConfigMap.class, "mlforge").getData().get("mlforge.yaml"));
        assertThat(file.path("artifacts-destination").asText()).startsWith("s3://");
    }

    @Test
    void the_single_mode_is_one_pod_recreated_on_its_volume_without_autoscaler_or_budget() {
        TypedManifests manifests = render("single");
        Deployment deployment = manifests.get(Deployment.class, "mlforge");
        Volume data = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("data")).findFirst().orElseThrow();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("mlforge-data");
        assertThat(manifests.get(PersistentVolumeClaim.class, "mlforge-data").getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(manifests.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(manifests.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(manifests.get(Secret.class, "mlforge").getStringData()).doesNotContainKey("MLFORGE_BACKEND_STORE_URI");
    }

    @Test
    void a_misspelt_field_fails_the_typed_parse() {
        var deployment = Repo.yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n"
                + "    spec:\n      containers:\n        - name: x\n          readinesProbe: {httpGet: {path: /health/ready, port: 5000}}\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TypedManifests.of(List.of(deployment)))
                .hasMessageContaining("apps/v1/Deployment/x.spec.template.spec.containers[0]")
                .hasMessageContaining("readinesProbe");
    }

    static List<PodSpec> pods(TypedManifests manifests) {
        return Stream.concat(manifests.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
                manifests.all(Job.class).stream().map(j -> j.getSpec().getTemplate().getSpec())).toList();
    }

    private static String httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath() + " @ " + probe.getHttpGet().getPort().getStrVal();
    }

    private static Set<String> secretKeys(TypedManifests manifests, String name) {
        Secret secret = manifests.get(Secret.class, name);
        Set<String> keys = new HashSet<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    /** {@code auth: {mode: basic}} as {@code auth.mode}. */
    static List<String> flatten(String prefix, JsonNode node) {
        if (!node.isObject()) {
            return List.of(prefix);
        }
        List<String> keys = new java.util.ArrayList<>();
        node.fields().forEachRemaining(field -> keys.addAll(flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue())));
        return keys;
    }
}

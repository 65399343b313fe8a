package dev.mlforge.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered manifests as fabric8's typed Kubernetes model. Parsing is strict: a field the model does not know (a typo
 * such as {@code readinesProbe}, or a field at the wrong level) lands in fabric8's {@code additionalProperties}, and
 * any non-empty one anywhere in an object fails, naming its path.
 */
final class TypedManifests {
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    private final List<HasMetadata> objects;

    private TypedManifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static TypedManifests of(List<ObjectNode> nodes) {
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode node : nodes) {
            String type = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
            Class<? extends HasMetadata> kind = KINDS.get(type);
            if (kind == null) {
                throw new AssertionError("unexpected resource type " + type + " (" + node.path("metadata").path("name") + ")");
            }
            HasMetadata object;
            try {
                object = Repo.YAML.treeToValue(node, kind);
            } catch (Exception e) {
                throw new AssertionError(type + " " + node.path("metadata").path("name") + " does not parse: " + e.getMessage(), e);
            }
            noUnknownFields(object, type + "/" + object.getMetadata().getName());
            objects.add(object);
        }
        return new TypedManifests(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** Walks fabric8 objects through their getters; fails on the first non-empty {@code additionalProperties}. */
    static void noUnknownFields(Object value, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                noUnknownFields(element, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> noUnknownFields(element, path + "." + key));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(path + " has fields the Kubernetes API does not know: " + extra.keySet());
                }
                continue;
            }
            noUnknownFields(property, path + "." + Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4));
        }
    }
}

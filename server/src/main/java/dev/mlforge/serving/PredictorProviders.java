package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.spi.PredictorProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The model runtimes serving can use, found once at start-up through {@link ServiceLoader}, and the rule that picks
 * one for a model: the lowest priority among the providers of its flavors, then the flavor listed first.
 */
public final class PredictorProviders {
    private final List<PredictorProvider> providers;

    public PredictorProviders(List<PredictorProvider> providers) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(PredictorProvider::priority)).toList();
    }

    /** The providers registered on the class path of {@code loader} (the server's own and any plugin jar). */
    public static PredictorProviders discover(ClassLoader loader) {
        List<PredictorProvider> found = new ArrayList<>();
        ServiceLoader.load(PredictorProvider.class, loader).forEach(found::add);
        return new PredictorProviders(found);
    }

    /** A provider and the flavor of the model it loads. */
    record Choice(PredictorProvider provider, String flavor) {}

    /** The provider for a model with these flavors (in {@code MLmodel} order), or empty when none serves one. */
    Optional<Choice> forFlavors(List<String> flavors) {
        Choice best = null;
        for (String flavor : flavors) {
            for (PredictorProvider provider : providers) {
                if (provider.flavors().contains(flavor) && (best == null || provider.priority() < best.provider().priority())) {
                    best = new Choice(provider, flavor);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The provider for a single model file, chosen by its name's suffix. */
    Optional<PredictorProvider> forFile(String fileName) {
        return providers.stream()
                .filter(provider -> provider.fileExtensions().stream().anyMatch(fileName::endsWith))
                .findFirst();
    }

    /** The flavors any provider serves, sorted, for messages. */
    List<String> flavorNames() {
        TreeSet<String> names = new TreeSet<>();
        providers.forEach(provider -> names.addAll(provider.flavors()));
        return List.copyOf(names);
    }

    /** The single-file suffixes any provider loads, sorted, for messages. */
    List<String> fileExtensions() {
        TreeSet<String> names = new TreeSet<>();
        providers.forEach(provider -> names.addAll(provider.fileExtensions()));
        return List.copyOf(names);
    }

    /** INVALID_PARAMETER_VALUE naming the model's flavors and the ones this server serves. */
    MlforgeException unknownFlavor(String model, List<String> flavors) {
        return MlforgeException.invalidParameter("MLflow model in " + model + " has flavors " + flavors
                + "; mlforge serves the flavors " + flavorNames()
                + " (add one with a dev.mlforge.serving.spi.PredictorProvider on the class path)");
    }
}

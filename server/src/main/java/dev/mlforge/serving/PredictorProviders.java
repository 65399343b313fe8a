package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.MlModel;
import dev.mlforge.serving.spi.ModelFiles;
import dev.mlforge.serving.spi.PredictorProvider;
import java.nio.file.Path;
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

    /** These providers and {@code provider}, one built with settings rather than discovered. */
    public PredictorProviders with(PredictorProvider provider) {
        List<PredictorProvider> all = new ArrayList<>(providers);
        all.add(provider);
        return new PredictorProviders(all);
    }

    /** A provider and the flavor of the model it loads. */
    record Choice(PredictorProvider provider, String flavor) {}

    /**
     * The provider for the MLflow model in {@code directory}: the lowest priority, then the flavor listed first,
     * among the providers of its flavors that accept its files.
     *
     * @throws MlforgeException INVALID_PARAMETER_VALUE naming the flavors, and why each candidate declined
     */
    Choice choose(Path directory, MlModel mlmodel) {
        List<String> flavors = new ArrayList<>();
        mlmodel.flavors().fieldNames().forEachRemaining(flavors::add);
        List<Choice> candidates = new ArrayList<>();
        for (String flavor : flavors) {
            providers.stream().filter(provider -> provider.flavors().contains(flavor))
                    .forEach(provider -> candidates.add(new Choice(provider, flavor)));
        }
        candidates.sort(Comparator.comparingInt(choice -> choice.provider().priority())); // stable: flavor order kept
        List<String> declined = new ArrayList<>();
        for (Choice candidate : candidates) {
            Optional<String> reason = candidate.provider().unsupportedReason(ModelFiles.flavor(directory, mlmodel, candidate.flavor()));
            if (reason.isEmpty()) {
                return candidate;
            }
            declined.add(candidate.flavor() + ": " + reason.get());
        }
        String model = String.valueOf(directory.getFileName());
        if (!declined.isEmpty()) {
            throw MlforgeException.invalidParameter("MLflow model in " + model + " has flavors " + flavors
                    + " but no runtime accepts its files (" + String.join("; ", declined) + ")");
        }
        throw MlforgeException.invalidParameter("MLflow model in " + model + " has flavors " + flavors
                + "; mlforge serves the flavors " + flavorNames()
                + " (add one with a dev.mlforge.serving.spi.PredictorProvider on the class path)");
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

}

package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.pipelines.steps.BuiltInSteps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Finds the {@link Step} for a {@code uses:} value: a built-in type, or a class on the classpath by its name. */
public final class StepCatalog {
    private final Map<String, Supplier<Step>> builtIns;
    private final ClassLoader classLoader;

    public StepCatalog(Map<String, Supplier<Step>> builtIns, ClassLoader classLoader) {
        this.builtIns = new LinkedHashMap<>(builtIns);
        this.classLoader = classLoader;
    }

    /** The built-in steps (load, validate, split, featurize, train, evaluate, register, promote, deploy, features). */
    public static StepCatalog standard() {
        return new StepCatalog(BuiltInSteps.all(), Thread.currentThread().getContextClassLoader());
    }

    public Set<String> builtInNames() {
        return builtIns.keySet();
    }

    boolean knows(String uses) {
        if (builtIns.containsKey(uses)) {
            return true;
        }
        return uses.contains(".") && loadClass(uses) != null;
    }

    public Step create(String uses) {
        Supplier<Step> builtIn = builtIns.get(uses);
        if (builtIn != null) {
            return builtIn.get();
        }
        Class<?> type = loadClass(uses);
        if (type == null) {
            throw MlforgeException.invalidParameter("Unknown step type '" + uses + "'");
        }
        try {
            return (Step) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw MlforgeException.invalidParameter("Custom step " + uses + " needs a public no-argument constructor: " + e);
        }
    }

    private Class<?> loadClass(String name) {
        try {
            Class<?> type = Class.forName(name, false, classLoader);
            if (!Step.class.isAssignableFrom(type)) {
                throw MlforgeException.invalidParameter("Class " + name + " does not implement " + Step.class.getName());
            }
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}

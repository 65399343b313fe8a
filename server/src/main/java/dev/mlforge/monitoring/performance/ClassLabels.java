package dev.mlforge.monitoring.performance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Turns labels into comparable text (1, 1.0 and "1" are the same class) and orders classes as scikit-learn does. */
final class ClassLabels {
    private ClassLabels() {}

    static String text(Object label) {
        if (label instanceof Number number) {
            return numberText(number.doubleValue());
        }
        String text = String.valueOf(label).strip();
        try {
            return numberText(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static String numberText(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Sorted numerically when every class is a number, otherwise as strings (numpy's {@code unique} order). */
    static List<String> sorted(Collection<String> classes) {
        boolean numeric = classes.stream().allMatch(ClassLabels::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> set = new TreeSet<>(order);
        set.addAll(classes);
        return List.copyOf(set);
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A threshold on a metric of the version's run, written {@code metrics.<key> <op> <number>}. */
public record MetricGate(String metric, String comparator, double threshold) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*metrics?\\.(`[^`]+`|[\\w./\\- ]+?)\\s*(>=|<=|==|=|!=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");

    static MetricGate parse(String text) {
        Matcher matcher = SYNTAX.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw MlforgeException.invalidParameter("Invalid gate '" + text
                    + "': expected 'metrics.<key> <comparator> <number>' with comparator one of >=, >, <=, <, =, !=");
        }
        String key = matcher.group(1).replace("`", "");
        String op = matcher.group(2).equals("==") ? "=" : matcher.group(2);
        return new MetricGate(key, op, Double.parseDouble(matcher.group(3)));
    }

    /** Null when the gate passes on {@code metrics}, otherwise why it fails. */
    String failure(Map<String, Double> metrics) {
        Double value = metrics.get(metric);
        if (value == null) {
            return "metric '" + metric + "' was not logged on the version's run";
        }
        boolean passes = switch (comparator) {
            case ">=" -> value >= threshold;
            case ">" -> value > threshold;
            case "<=" -> value <= threshold;
            case "<" -> value < threshold;
            case "=" -> value == threshold;
            default -> value != threshold;
        };
        return passes ? null : "metrics." + metric + " = " + value + " does not satisfy " + this;
    }

    @Override
    public String toString() {
        return "metrics." + metric + " " + comparator + " " + threshold;
    }
}

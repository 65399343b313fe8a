package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.serving.OnlineFeatureSource.Values;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests of deployments that declare {@link InputFeatures}: a request carrying only entity keys (one column per
 * join key) gets the model's inputs built from the online store's values of those entities, each declared feature
 * cast to the input's datatype as a column. A value missing or older than its view's TTL takes the declared default,
 * else the request is refused naming the entity row, the feature and its status. A request that already carries the
 * model's inputs is scored as it is. Deployments without features never come here.
 */
final class FeatureEnrichment {
    private final OnlineFeatureSource source;

    FeatureEnrichment(OnlineFeatureSource source) {
        this.source = source;
    }

    /** {@code declared} when its features exist and its inputs and defaults name only them; 400 otherwise. */
    InputFeatures check(InputFeatures declared) {
        if (declared == null) {
            return null;
        }
        boolean service = declared.featureService() != null && !declared.featureService().isBlank();
        if (service == !declared.features().isEmpty()) {
            throw MlforgeException.invalidParameter("'features' must name exactly one of 'feature_service' and 'features' "
                    + "(a non-empty list of 'view:feature')");
        }
        List<String> references = source.resolve(service ? declared.featureService() : null,
                service ? null : declared.features());
        declared.inputs().forEach((input, names) -> {
            if (names.isEmpty()) {
                throw MlforgeException.invalidParameter("'features.inputs." + input + "' must name at least one feature");
            }
            names.forEach(name -> column(references, name, "features.inputs." + input));
        });
        declared.defaults().keySet().forEach(name -> column(references, name, "features.defaults"));
        return declared;
    }

    /** {@code inputs} when they are the model's; else the model's inputs from the online features of their entity rows. */
    List<Tensor> enrich(String deployment, InputFeatures declared, ModelSignature signature, List<Tensor> inputs) {
        if (carriesModelInputs(signature, inputs)) {
            return inputs;
        }
        boolean service = declared.featureService() != null;
        Values values = source.read(service ? declared.featureService() : null, service ? null : declared.features(),
                entities(inputs));
        Map<String, List<String>> mapping = declared.inputs();
        if (mapping.isEmpty()) {
            if (signature.inputs().size() != 1) {
                throw MlforgeException.invalidParameter("Deployment '" + deployment + "' declares features without "
                        + "'features.inputs', but its model takes several inputs " + inputNames(signature));
            }
            mapping = Map.of(signature.inputs().get(0).name(), values.references());
        }
        Map<Integer, Double> defaults = new HashMap<>();
        declared.defaults().forEach((name, value) -> defaults.put(column(values.references(), name, "features.defaults"), value));
        List<Tensor> tensors = new ArrayList<>(mapping.size());
        for (Map.Entry<String, List<String>> entry : mapping.entrySet()) {
            TensorSpec spec = signature.input(entry.getKey());
            if (spec == null) {
                throw MlforgeException.invalidParameter("Deployment '" + deployment + "' maps features to input '"
                        + entry.getKey() + "', which its model does not take (it takes " + inputNames(signature) + ")");
            }
            int[] columns = entry.getValue().stream()
                    .mapToInt(name -> column(values.references(), name, "features.inputs." + entry.getKey())).toArray();
            tensors.add(tensor(deployment, spec, columns, values, defaults));
        }
        return tensors;
    }

    private static boolean carriesModelInputs(ModelSignature signature, List<Tensor> inputs) {
        for (TensorSpec spec : signature.inputs()) {
            if (inputs.stream().noneMatch(tensor -> tensor.name().equals(spec.name()))) {
                return false;
            }
        }
        return true;
    }

    /** The entity rows a request carries: one column per input tensor (one value per row), numbers or strings. */
    private static Map<String, List<Object>> entities(List<Tensor> inputs) {
        Map<String, List<Object>> entities = new LinkedHashMap<>();
        for (Tensor tensor : inputs) {
            if (tensor.shape().length > 2 || tensor.shape().length == 2 && tensor.shape()[1] != 1) {
                throw MlforgeException.invalidParameter("Entity key input '" + tensor.name() + "' must hold one value per row "
                        + "(shape [rows] or [rows, 1])");
            }
            List<Object> values = new ArrayList<>(tensor.length());
            for (int i = 0; i < tensor.length(); i++) {
                Object value = tensor.element(i);
                if (value instanceof Boolean) {
                    throw MlforgeException.invalidParameter("Entity key input '" + tensor.name() + "' must hold numbers or strings");
                }
                values.add(value instanceof Number number && !(value instanceof Float || value instanceof Double)
                        ? (Object) number.longValue() : value instanceof Float single ? (Object) single.doubleValue() : value);
            }
            entities.put(tensor.name(), values);
        }
        return entities;
    }

    private static Tensor tensor(String deployment, TensorSpec spec, int[] columns, Values values, Map<Integer, Double> defaults) {
        int rows = values.values().length;
        boolean flat = spec.shape().size() == 1 && columns.length == 1;
        Object data = spec.datatype().allocate(rows * columns.length);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < columns.length; i++) {
                int column = columns[i];
                Object value = values.values()[row][column];
                if (!"PRESENT".equals(values.statuses()[row][column])) {
                    value = defaults.get(column);
                    if (value == null) {
                        throw MlforgeException.invalidParameter("Deployment '" + deployment + "': entity row " + row
                                + " has no online value of feature '" + values.references().get(column) + "' ("
                                + values.statuses()[row][column] + ") and 'features.defaults' gives none");
                    }
                }
                Array.set(data, row * columns.length + i, cast(value, spec, values.references().get(column)));
            }
        }
        return new Tensor(spec.name(), spec.datatype(), flat ? new long[] {rows} : new long[] {rows, columns.length}, data);
    }

    /** A feature value as an element of the input's datatype: the cast training applied to the same column. */
    private static Object cast(Object value, TensorSpec spec, String feature) {
        if (spec.datatype() == DataType.BYTES) {
            return String.valueOf(value);
        }
        Number number = value instanceof Boolean bool ? (bool ? 1 : 0) : value instanceof Number n ? n : null;
        if (number == null) {
            throw MlforgeException.invalidParameter("Feature '" + feature + "' is text ('" + value + "'), but model input '"
                    + spec.name() + "' is " + spec.datatype());
        }
        return switch (spec.datatype()) {
            case FP32 -> number.floatValue();
            case FP64 -> number.doubleValue();
            case INT64, UINT64 -> number.longValue();
            case INT32, UINT32 -> number.intValue();
            case INT16, UINT16 -> number.shortValue();
            case INT8, UINT8 -> number.byteValue();
            case BOOL -> number.doubleValue() != 0;
            default -> throw MlforgeException.invalidParameter("Model input '" + spec.name() + "' is " + spec.datatype()
                    + ", which online features cannot fill");
        };
    }

    /** The position of {@code name} (a reference, or a feature name only one reference has) among {@code references}. */
    private static int column(List<String> references, String name, String where) {
        int exact = references.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        int found = -1;
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i);
            if (reference.substring(reference.indexOf(':') + 1).equals(name)) {
                if (found >= 0) {
                    throw MlforgeException.invalidParameter("'" + where + "' names feature '" + name + "', which is ambiguous "
                            + "among " + references + ": name it as 'view:feature'");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw MlforgeException.invalidParameter("'" + where + "' names feature '" + name + "', which the declared features "
                    + references + " do not hold");
        }
        return found;
    }

    private static List<String> inputNames(ModelSignature signature) {
        return signature.inputs().stream().map(TensorSpec::name).toList();
    }
}

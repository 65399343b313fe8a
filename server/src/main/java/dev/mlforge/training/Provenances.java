package dev.mlforge.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Model;

/** Turns Tribuo's model provenance into JSON text. */
final class Provenances {
    private Provenances() {}

    static String json(Model<?> model) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.convertToMap(model.getProvenance()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the provenance of " + model.getName(), e);
        }
    }

    static List<String> featureNames(Model<?> model) {
        List<String> names = new ArrayList<>();
        model.getFeatureIDMap().forEach(info -> names.add(info.getName()));
        names.sort(java.util.Comparator.comparingInt(name -> model.getFeatureIDMap().getID(name)));
        return names;
    }
}

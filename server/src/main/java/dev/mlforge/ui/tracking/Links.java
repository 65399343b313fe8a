package dev.mlforge.ui.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Query strings (URL-encoded) and JSON embedded in pages (safe inside {@code <script type="application/json">}). */
final class Links {
    private Links() {}

    /** {@code path?a=1&b=2}, skipping null and empty values; pairs are name, value, name, value... */
    static String of(String path, List<String> pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String value = pairs.get(i + 1);
            if (value != null && !value.isEmpty()) {
                parts.add(Formats.query(pairs.get(i), value));
            }
        }
        return parts.isEmpty() ? path : path + "?" + parts.stream().collect(Collectors.joining("&"));
    }

    /** JSON of {@code value} that cannot close the script element holding it. */
    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value).replace("</", "<\\/").replace("<!--", "<\\!--");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

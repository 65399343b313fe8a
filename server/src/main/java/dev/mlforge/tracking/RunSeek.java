package dev.mlforge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.search.EntityType;
import dev.mlforge.search.OrderClause;
import java.util.List;

/**
 * Where a page of a search ordered by a param or tag ended: the last run's value of the order key, start time and id
 * (the order's tie-breakers). Carried in the page token next to the offset, so that the next page starts from this
 * position in the (key, value) index instead of skipping {@code offset} runs of the order again.
 */
record RunSeek(EntityType type, String key, boolean ascending, String value, long startTime, String runId) {

    /** The position after {@code run} in a search ordered by {@code orderBy}; null when seeks do not apply. */
    static RunSeek after(RunEntity run, List<OrderClause> orderBy) {
        if (orderBy.size() != 1 || (orderBy.get(0).type() != EntityType.PARAM && orderBy.get(0).type() != EntityType.TAG)) {
            return null;
        }
        OrderClause order = orderBy.get(0);
        String value = order.type() == EntityType.PARAM
                ? run.params().stream().filter(param -> param.key().equals(order.key())).map(ParamEntity::value).findFirst().orElse(null)
                : run.tags().stream().filter(tag -> tag.key().equals(order.key())).map(Tag::value).findFirst().orElse(null);
        return value == null ? null
                : new RunSeek(order.type(), order.key(), order.ascending(), value, run.info().startTime(), run.info().runId());
    }

    /** The seek a page token holds if it was made for this order, else null (the token's offset then applies). */
    static RunSeek of(JsonNode node, List<OrderClause> orderBy) {
        if (node == null || !node.isObject() || orderBy.size() != 1) {
            return null;
        }
        OrderClause order = orderBy.get(0);
        JsonNode value = node.get("value");
        JsonNode startTime = node.get("start_time");
        JsonNode runId = node.get("run_id");
        boolean matches = order.type().name().equals(node.path("type").asText()) && order.key().equals(node.path("key").asText(null))
                && order.ascending() == node.path("ascending").asBoolean(!order.ascending());
        if (!matches || value == null || !value.isTextual() || startTime == null || !startTime.canConvertToLong()
                || runId == null || !runId.isTextual()) {
            return null;
        }
        return new RunSeek(order.type(), order.key(), order.ascending(), value.asText(), startTime.asLong(), runId.asText());
    }

    JsonNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", type.name());
        node.put("key", key);
        node.put("ascending", ascending);
        node.put("value", value);
        node.put("start_time", startTime);
        node.put("run_id", runId);
        return node;
    }
}

package dev.mlforge.events.kafka;

import java.time.Duration;
import java.util.Map;

/** The {@code events.kafka.*} settings, validated. */
record KafkaSettings(String bootstrapServers, String topic, String groupId, Duration connectTimeout) {
    private static final java.util.regex.Pattern SERVER = java.util.regex.Pattern.compile("[^\\s,:]+:\\d{1,5}");
    private static final java.util.regex.Pattern TOPIC = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static KafkaSettings from(Map<String, String> settings) {
        String servers = settings.getOrDefault("bootstrap-servers", "").trim();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("events.kafka.bootstrap-servers is required (e.g. broker1:9092,broker2:9092)");
        }
        for (String server : servers.split(",")) {
            if (!SERVER.matcher(server.trim()).matches()) {
                throw new IllegalArgumentException("events.kafka.bootstrap-servers has '" + server.trim()
                        + "': expected host:port, comma-separated");
            }
        }
        String topic = settings.getOrDefault("topic", "mlforge.events").trim();
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("events.kafka.topic '" + topic
                    + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
        }
        String groupId = settings.getOrDefault("group-id", "mlforge").trim();
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("events.kafka.group-id must not be empty");
        }
        return new KafkaSettings(servers, topic, groupId, Duration.ofSeconds(15));
    }
}

package dev.mlforge.webhooks;

import java.util.Map;

/** What a webhook is told: the event and its {@code data}, a map in MLflow's field order (see {@link Payloads}). */
record Notice(EventType type, Map<String, Object> data) {}

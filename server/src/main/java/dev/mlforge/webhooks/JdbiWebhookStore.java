package dev.mlforge.webhooks;

import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Webhooks (secrets sealed by {@link SecretCipher}), their events and delivery attempts in the tables of V13, on SQLite and PostgreSQL alike. */
final class JdbiWebhookStore implements WebhookStore {
    private static final String COLUMNS = "webhook_id, name, description, url, status, secret, creation_timestamp, "
            + "last_updated_timestamp";
    private final Database database;
    private final SecretCipher secrets;

    JdbiWebhookStore(Database database, SecretCipher secrets) {
        this.database = database;
        this.secrets = secrets;
    }

    @Override
    public void insert(WebhookEntity webhook) {
        database.write(handle -> {
            handle.createUpdate("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:id, :name, :description, :url, :status, "
                            + ":secret, :created, :updated)")
                    .bind("id", webhook.id()).bind("name", webhook.name()).bind("description", webhook.description())
                    .bind("url", webhook.url()).bind("status", webhook.status().name()).bind("secret", secrets.seal(webhook.secret()))
                    .bind("created", webhook.creationTimestamp()).bind("updated", webhook.lastUpdatedTimestamp())
                    .execute();
            insertEvents(handle, webhook);
            return null;
        });
    }

    private static void insertEvents(Handle handle, WebhookEntity webhook) {
        for (EventType event : webhook.events()) {
            handle.createUpdate("INSERT INTO webhook_events (webhook_id, entity, action) VALUES (:id, :entity, :action)")
                    .bind("id", webhook.id()).bind("entity", event.entity().name()).bind("action", event.action().name())
                    .execute();
        }
    }

    @Override
    public Optional<WebhookEntity> find(String id) {
        return database.read(handle -> withEvents(handle, handle.createQuery("SELECT " + COLUMNS
                        + " FROM webhooks WHERE webhook_id = :id AND deleted_timestamp IS NULL")
                .bind("id", id).map((rows, context) -> row(rows)).list())).stream().findFirst();
    }

    @Override
    public boolean known(String id) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM webhooks WHERE webhook_id = :id")
                .bind("id", id).mapTo(Integer.class).one() > 0);
    }

    @Override
    public List<WebhookEntity> page(int offset, int limit) {
        return database.read(handle -> withEvents(handle, handle.createQuery("SELECT " + COLUMNS
                        + " FROM webhooks WHERE deleted_timestamp IS NULL"
                        + " ORDER BY creation_timestamp DESC, seq DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map((rows, context) -> row(rows)).list()));
    }

    @Override
    public void update(WebhookEntity webhook) {
        database.write(handle -> {
            handle.createUpdate("UPDATE webhooks SET name = :name, description = :description, url = :url, status = :status, "
                            + "secret = :secret, last_updated_timestamp = :updated WHERE webhook_id = :id")
                    .bind("id", webhook.id()).bind("name", webhook.name()).bind("description", webhook.description())
                    .bind("url", webhook.url()).bind("status", webhook.status().name()).bind("secret", secrets.seal(webhook.secret()))
                    .bind("updated", webhook.lastUpdatedTimestamp())
                    .execute();
            handle.createUpdate("DELETE FROM webhook_events WHERE webhook_id = :id").bind("id", webhook.id()).execute();
            insertEvents(handle, webhook);
            return null;
        });
    }

    @Override
    public void markDeleted(String id, long timeMs) {
        database.write(handle -> handle.createUpdate("UPDATE webhooks SET deleted_timestamp = :time, "
                        + "last_updated_timestamp = :time WHERE webhook_id = :id AND deleted_timestamp IS NULL")
                .bind("id", id).bind("time", timeMs).execute());
    }

    @Override
    public boolean anyActive() {
        return database.read(handle -> handle.createQuery("SELECT webhook_id FROM webhooks"
                        + " WHERE deleted_timestamp IS NULL AND status = 'ACTIVE' LIMIT 1")
                .mapTo(String.class).findOne().isPresent());
    }

    @Override
    public List<WebhookEntity> activeFor(EventType type) {
        return database.read(handle -> withEvents(handle, handle.createQuery("SELECT " + COLUMNS + " FROM webhooks w"
                        + " WHERE w.workspace = :workspace AND w.deleted_timestamp IS NULL AND w.status = 'ACTIVE'"
                        + " AND EXISTS (SELECT 1 FROM webhook_events e"
                        + " WHERE e.webhook_id = w.webhook_id AND e.entity = :entity AND e.action = :action)"
                        + " ORDER BY w.creation_timestamp DESC, w.seq DESC")
                .bind("entity", type.entity().name()).bind("action", type.action().name())
                .bind("workspace", database.workspace().current()).map((rows, context) -> row(rows)).list()));
    }

    @Override
    public void insertAttempt(DeliveryAttempt attempt) {
        database.write(handle -> handle.createUpdate("INSERT INTO webhook_deliveries (delivery_id, attempt, webhook_id, "
                        + "entity, action, time_ms, success, status_code, error, test) VALUES (:deliveryId, :attempt, "
                        + ":webhookId, :entity, :action, :time, :success, :status, :error, :test)")
                .bind("deliveryId", attempt.deliveryId()).bind("attempt", attempt.attempt())
                .bind("webhookId", attempt.webhookId()).bind("entity", attempt.event().entity().name())
                .bind("action", attempt.event().action().name()).bind("time", attempt.timeMs())
                .bind("success", attempt.success()).bind("status", attempt.responseStatus())
                .bind("error", attempt.error()).bind("test", attempt.test())
                .execute());
    }

    @Override
    public int deleteAttemptsBefore(long timeMs) {
        return database.write(handle -> handle.createUpdate("DELETE FROM webhook_deliveries WHERE time_ms < :time")
                .bind("time", timeMs).execute());
    }

    @Override
    public List<DeliveryAttempt> attempts(String webhookId, int offset, int limit) {
        return database.read(handle -> handle.createQuery("SELECT delivery_id, attempt, webhook_id, entity, action, time_ms, "
                        + "success, status_code, error, test FROM webhook_deliveries WHERE webhook_id = :id"
                        + " ORDER BY time_ms DESC, delivery_id, attempt DESC LIMIT :limit OFFSET :offset")
                .bind("id", webhookId).bind("limit", limit).bind("offset", offset)
                .map((rows, context) -> new DeliveryAttempt(rows.getString("delivery_id"), rows.getInt("attempt"),
                        rows.getString("webhook_id"), event(rows.getString("entity"), rows.getString("action")),
                        rows.getLong("time_ms"), rows.getBoolean("success"), nullableInt(rows, "status_code"),
                        rows.getString("error"), rows.getBoolean("test")))
                .list());
    }

    /** The webhooks of {@code rows} with their events, read in one more query. */
    private static List<WebhookEntity> withEvents(Handle handle, List<StoredWebhook> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<EventType>> events = new LinkedHashMap<>();
        rows.forEach(row -> events.put(row.id(), new ArrayList<>()));
        handle.createQuery("SELECT webhook_id, entity, action FROM webhook_events WHERE webhook_id IN (<ids>)")
                .bindList("ids", List.copyOf(events.keySet()))
                .map((result, context) -> Map.entry(result.getString("webhook_id"),
                        event(result.getString("entity"), result.getString("action"))))
                .forEach(entry -> events.get(entry.getKey()).add(entry.getValue()));
        return rows.stream().map(row -> row.with(events.get(row.id()))).toList();
    }

    private static Integer nullableInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static EventType event(String entity, String action) {
        return new EventType(EventType.Entity.valueOf(entity), EventType.Action.valueOf(action));
    }

    private StoredWebhook row(ResultSet rows) throws SQLException {
        return new StoredWebhook(rows.getString("webhook_id"), rows.getString("name"), rows.getString("description"),
                rows.getString("url"), WebhookStatus.valueOf(rows.getString("status")), secrets.open(rows.getString("secret")),
                rows.getLong("creation_timestamp"), rows.getLong("last_updated_timestamp"));
    }

    /** A row of {@code webhooks} before its events are read. */
    private record StoredWebhook(String id, String name, String description, String url, WebhookStatus status,
            String secret, long created, long updated) {
        WebhookEntity with(List<EventType> events) {
            return new WebhookEntity(id, name, description, url, events, status, secret, created, updated);
        }
    }
}

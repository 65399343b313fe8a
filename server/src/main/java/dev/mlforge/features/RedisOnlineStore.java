package dev.mlforge.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis online store: one hash per entity key of a view, {@code mlforge:online:{view}:{entity key}}, holding
 * {@code __ts} (the event time, epoch ms) and one field {@code f:<feature>} per feature with its value as JSON (so a
 * number, string, boolean or null reads back with the type it was written with). Writes go in one pipeline per chunk,
 * each row through a small script that keeps the stored row when it is newer (as the embedded store does); a lookup
 * of several entities is one pipelined round trip of HGETALLs.
 */
final class RedisOnlineStore implements OnlineStore {
    private static final String PREFIX = "mlforge:online:";
    private static final String TS = "__ts";
    private static final String FEATURE = "f:";
    private static final int CHUNK = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** KEYS[1] the row; ARGV[1] its event time, then feature field, value pairs. Replaces the row unless it is newer. */
    private static final String WRITE = """
            local stored = redis.call('HGET', KEYS[1], '__ts')
            if stored and tonumber(stored) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], '__ts', ARGV[1])
            for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            return 1
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String writeSha;

    RedisOnlineStore(String url) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("features.redis-url is not a Redis URL (redis://host:port[/db]): " + url, e);
        }
        this.client = RedisClient.create(uri);
        try {
            this.connection = client.connect();
            this.writeSha = connection.sync().scriptLoad(WRITE);
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("Cannot reach the Redis online store at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String viewName, List<OnlineRow> rows) {
        RedisAsyncCommands<String, String> async = connection.async();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<OnlineRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            List<RedisFuture<?>> futures = new ArrayList<>(chunk.size());
            synchronized (connection) {
                connection.setAutoFlushCommands(false);
                try {
                    for (OnlineRow row : chunk) {
                        List<String> args = new ArrayList<>(1 + 2 * row.values().size());
                        args.add(Long.toString(row.eventMillis()));
                        row.values().forEach((feature, value) -> {
                            args.add(FEATURE + feature);
                            args.add(json(value));
                        });
                        futures.add(async.<Long>evalsha(writeSha, ScriptOutputType.INTEGER,
                                new String[] {key(viewName, row.entityKey())}, args.toArray(String[]::new)));
                    }
                    connection.flushCommands();
                } finally {
                    connection.setAutoFlushCommands(true);
                }
            }
            await(futures);
        }
    }

    @Override
    public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
        if (entityKeys.isEmpty()) {
            return Map.of();
        }
        RedisAsyncCommands<String, String> async = connection.async();
        Map<String, RedisFuture<Map<String, String>>> futures = new LinkedHashMap<>();
        synchronized (connection) {
            connection.setAutoFlushCommands(false);
            try {
                for (String entityKey : entityKeys) {
                    futures.put(entityKey, async.hgetall(key(viewName, entityKey)));
                }
                connection.flushCommands();
            } finally {
                connection.setAutoFlushCommands(true);
            }
        }
        await(futures.values());
        Map<String, OnlineRow> rows = new HashMap<>();
        futures.forEach((entityKey, future) -> {
            Map<String, String> hash = future.toCompletableFuture().join();
            String ts = hash.get(TS);
            if (ts == null) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            hash.forEach((field, value) -> {
                if (field.startsWith(FEATURE)) {
                    values.put(field.substring(FEATURE.length()), value(value));
                }
            });
            rows.put(entityKey, new OnlineRow(entityKey, Long.parseLong(ts), values));
        });
        return rows;
    }

    @Override
    public void clear(String viewName) {
        var sync = connection.sync();
        ScanArgs match = ScanArgs.Builder.matches(escape(PREFIX + viewName + ":") + "*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = sync.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                sync.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

    private static String key(String viewName, String entityKey) {
        return PREFIX + viewName + ":" + entityKey;
    }

    /** A SCAN MATCH pattern matching {@code literal} exactly. */
    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static void await(Collection<? extends RedisFuture<?>> futures) {
        if (!LettuceFutures.awaitAll(TIMEOUT, futures.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("The Redis online store did not answer within " + TIMEOUT.toSeconds() + " s");
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feature value that does not serialize: " + value, e);
        }
    }

    private static Object value(String json) {
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored online value is not JSON: " + json, e);
        }
    }
}

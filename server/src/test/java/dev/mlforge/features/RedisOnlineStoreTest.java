package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The online-store contract against a real redis-server (a fresh database per test: FLUSHDB through the store's URL). */
class RedisOnlineStoreTest extends OnlineStoreContract {
    private static RedisTestServer redis;
    private static int database;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    OnlineStore open() {
        // one logical database per test (Redis has 16): no state leaks between tests
        return new RedisOnlineStore(redis.url() + "/" + (database++ % 16));
    }

    @Test
    void an_unreachable_redis_fails_at_start_with_its_url() {
        assertThatThrownBy(() -> new RedisOnlineStore("redis://127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("redis://127.0.0.1:1");
    }
}

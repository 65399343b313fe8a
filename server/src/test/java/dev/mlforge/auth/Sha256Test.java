package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash API tokens are stored under: lower-case hex SHA-256 of the secret's UTF-8 bytes (FIPS 180-2's test
 * vectors), the same on every call of every thread although each thread reuses its digest.
 */
class Sha256Test {
    @Test
    void hex_is_the_standard_sha256_of_the_utf8_bytes() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("é")).isEqualTo(java.util.HexFormat.of().formatHex(Sha256.of("é")));
        assertThat(Sha256.of("é")).hasSize(32);
    }

    @Test
    void a_reused_digest_starts_clean_on_every_call_and_thread() throws Exception {
        String first = Sha256.hex("mlf_first");
        Sha256.hex("something in between");
        assertThat(Sha256.hex("mlf_first")).isEqualTo(first);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String secret = "mlf_" + (i % 7);
                hashes.add(pool.submit(() -> Sha256.hex(secret)));
            }
            for (int i = 0; i < hashes.size(); i++) {
                assertThat(hashes.get(i).get()).isEqualTo(Sha256.hex("mlf_" + (i % 7)));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

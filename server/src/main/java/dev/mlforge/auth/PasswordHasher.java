package dev.mlforge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id (Bouncy Castle's {@link Argon2BytesGenerator}, a memory-hard function made for
 * passwords) into the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}: the parameters travel inside
 * each hash, so raising them later leaves old hashes verifiable. Verification compares in constant time.
 *
 * <p>The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane); one check costs tens of milliseconds,
 * which is why the authenticator caches successful checks instead of hashing on every request.
 */
final class PasswordHasher {
    private static final Pattern ENCODED = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;

    PasswordHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
    }

    static PasswordHasher owaspDefaults(SecureRandom random) {
        return new PasswordHasher(19 * 1024, 2, 1, random);
    }

    String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} produces {@code encoded}; false for any other password or a malformed hash. */
    boolean verify(String password, String encoded) {
        Matcher parts = ENCODED.matcher(encoded == null ? "" : encoded);
        if (!parts.matches()) {
            return false;
        }
        byte[] expected = B64_DECODER.decode(parts.group(5));
        byte[] actual = derive(password, B64_DECODER.decode(parts.group(4)), Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}

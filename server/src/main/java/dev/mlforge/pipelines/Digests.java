package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 digests of files, folder trees and canonical JSON (sorted keys), for step cache keys. */
final class Digests {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Digests() {}

    static String ofJson(Object value) {
        try {
            return ofBytes(CANONICAL.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Step output is not JSON-compatible: " + value, e);
        }
    }

    static String ofBytes(byte[] bytes) {
        MessageDigest digest = sha256();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    static String ofPath(Path path) {
        MessageDigest digest = sha256();
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(HexFormat.of().parseHex(ofPath(file)));
                }
            } else {
                try (InputStream in = Files.newInputStream(path)) {
                    byte[] buffer = new byte[65536];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot digest step output " + path, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.mlforge.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a tar stream (ustar, with PAX long names): each regular file's path and, when asked for, its bytes. */
final class TarEntries {
    private TarEntries() {
    }

    /** Entry path to content for paths {@code keep} accepts, and to an empty array for the others. */
    static Map<String, byte[]> read(InputStream in, java.util.function.Predicate<String> keep) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String paxPath = null;
        while (true) {
            byte[] header = in.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                return entries;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] body = in.readNBytes((int) size);
            in.readNBytes((int) ((512 - size % 512) % 512));
            if (type == 'x') {
                for (String record : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    int equals = record.indexOf("path=");
                    if (equals >= 0) {
                        paxPath = record.substring(equals + 5);
                    }
                }
                continue;
            }
            String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
            paxPath = null;
            if (type == '0' || type == 0) {
                entries.put(path, keep.test(path) ? body : new byte[0]);
            }
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}

package dev.mlforge.ui;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webjars.WebJarVersionLocator;

/**
 * The UI's static files, served from the jar with content-hashed URLs ({@code /ui/assets/<hash>/app.css}): a URL
 * names one content forever, so browsers may cache it for a year, and a new build's file gets a new URL. Two sources:
 * the UI's own files under {@code dev/mlforge/ui/assets/} ({@code app.css}, {@code app.js}...) and WebJars, named
 * {@code webjar:<name>/<path>} ({@code webjar:echarts/dist/echarts.min.js}) and located with webjars-locator-lite, so
 * no version is written twice. No CDN is ever contacted.
 */
public final class Assets {
    /** The prefix of every asset URL. */
    public static final String PREFIX = "/ui/assets/";
    private static final String OWN = "dev/mlforge/ui/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2", "json", "application/json");

    private final ClassLoader loader;
    private final WebJarVersionLocator webJars = new WebJarVersionLocator();
    /** Loaded once per logical name: the files never change while the jar runs. */
    private final Map<String, Asset> byName = new ConcurrentHashMap<>();
    private final Map<String, Asset> byPath = new ConcurrentHashMap<>();

    /** One file: its bytes, the URL that names them, and its media type. */
    public record Asset(String url, byte[] bytes, String contentType) {}

    /** @param preloaded names registered at once, so a URL cached by a browser is served before any page names it */
    public Assets(ClassLoader loader, java.util.List<String> preloaded) {
        this.loader = loader;
        preloaded.forEach(this::asset);
    }

    /** The URL of an asset ({@code "app.css"}, {@code "webjar:echarts/dist/echarts.min.js"}); fails on a missing file. */
    public String url(String name) {
        return asset(name).url();
    }

    /** The asset served at {@code path} (after {@link #PREFIX}: {@code <hash>/<file name>}), or a 404. */
    Asset served(String path) {
        Asset asset = byPath.get(path);
        if (asset == null) {
            throw MlforgeException.notFound("No UI asset at " + PREFIX + path);
        }
        return asset;
    }

    Asset asset(String name) {
        return byName.computeIfAbsent(name, this::load);
    }

    private Asset load(String name) {
        String resource = resource(name);
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No UI asset '" + name + "' (" + resource + ") in the jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = name.substring(name.lastIndexOf('/') + 1);
        String path = hash(bytes) + "/" + file.replace("webjar:", "");
        Asset asset = new Asset(PREFIX + path, bytes, TYPES.getOrDefault(file.substring(file.lastIndexOf('.') + 1),
                "application/octet-stream"));
        byPath.put(path, asset);
        return asset;
    }

    private String resource(String name) {
        if (!name.startsWith("webjar:")) {
            return OWN + name;
        }
        String rest = name.substring("webjar:".length());
        int slash = rest.indexOf('/');
        String path = webJars.fullPath(rest.substring(0, slash), rest.substring(slash + 1));
        if (path == null) {
            throw new IllegalArgumentException("No WebJar file '" + rest + "' on the class path");
        }
        return path;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.mlforge.http;

import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import kotlin.Lazy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body read straight into one array of its {@code Content-Length}, instead of Javalin's copy loop that
 * grows a buffer from 32 bytes and copies it once more at the end (three copies of an 83 KB log-batch; 15 % of an
 * OTLP request thread). The array becomes Javalin's cached body, so every later {@code ctx.bodyAsBytes()} (the
 * door's checks, the audit hook, a handler) answers it without reading again.
 *
 * <p>A body without a length, longer than the server's request size limit or with a content encoding goes through
 * Javalin as before (a body over the limit is answered 413 there). When Javalin's cache cannot be filled (a Javalin
 * whose context keeps its body another way), every read goes through Javalin too: the result is the same.
 */
public final class RequestBodies {
    private static final Logger log = LoggerFactory.getLogger(RequestBodies.class);
    /** Javalin 7's lazily read body of {@code JavalinServletContext}, and the field of the lazy holding its value. */
    private static final Field BODY = field("io.javalin.http.servlet.JavalinServletContext", "body$delegate");
    private static final Field LAZY_VALUE = field("kotlin.SynchronizedLazyImpl", "_value");

    private RequestBodies() {}

    /** The request's body, read once; the same array every time it is asked for. */
    public static byte[] read(Context ctx) {
        Lazy<?> cached = cachedBody(ctx);
        if (cached == null || cached.isInitialized()) {
            return ctx.bodyAsBytes();
        }
        long length = ctx.contentLength();
        Long limit = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        if (length <= 0 || limit == null || length > limit || ctx.header("Content-Encoding") != null) {
            return ctx.bodyAsBytes();
        }
        byte[] body = new byte[(int) length];
        try {
            InputStream in = ctx.req().getInputStream();
            if (in.readNBytes(body, 0, body.length) < body.length) {
                throw MlforgeException.invalidParameter("The request body is shorter than its Content-Length");
            }
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Reading the request body failed (" + e.getMessage() + ")");
        }
        fill(cached, body);
        return body;
    }

    /** True when bodies are read sized into Javalin's cache; false when every read goes through Javalin's loop. */
    static boolean fillsJavalinsCache() {
        return BODY != null && LAZY_VALUE != null;
    }

    /** Javalin's lazy body of this context, when it is one this class can fill; else null. */
    private static Lazy<?> cachedBody(Context ctx) {
        if (BODY == null || LAZY_VALUE == null || !BODY.getDeclaringClass().isInstance(ctx)) {
            return null;
        }
        try {
            Object lazy = BODY.get(ctx);
            return LAZY_VALUE.getDeclaringClass().isInstance(lazy) ? (Lazy<?>) lazy : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static void fill(Lazy<?> cached, byte[] body) {
        synchronized (cached) { // SynchronizedLazyImpl locks on itself while it initializes
            try {
                LAZY_VALUE.set(cached, body);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Javalin's body cache could not be filled", e);
            }
        }
    }

    private static Field field(String className, String name) {
        try {
            Field field = Class.forName(className).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Request bodies are read through Javalin's copy loop: {}.{} is not available ({})", className, name,
                    e.toString());
            return null;
        }
    }
}

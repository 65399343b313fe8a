package dev.mlforge.cli;

import dev.mlforge.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Why the server cannot start, as the one line a user acts on ({@code port 5000 on 127.0.0.1 is already in use})
 * instead of a stack trace; database URIs are shown without their password.
 */
final class StartFailure {
    private StartFailure() {}

    /** The reason the configured address cannot be bound, checked before anything is created; empty when it can. */
    static Optional<String> unbindable(ServerConfig config) {
        if (config.port() == 0) {
            return Optional.empty();
        }
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            return Optional.of("cannot bind to host '" + config.host() + "': the name does not resolve");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(bindMessage(config, e));
        } catch (IOException e) {
            return Optional.of("cannot bind to " + config.host() + ":" + config.port() + ": " + e.getMessage());
        }
    }

    /** The one line for a start-up failure the user can act on, or empty for a bug (shown with its stack trace). */
    static Optional<String> describe(Throwable failure, ServerConfig config) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause.getClass().getSimpleName().equals("JavalinBindException")) {
                return Optional.of(bindMessage(config, cause));
            }
        }
        Optional<SQLException> database = cause(failure, SQLException.class);
        if (config.backendStoreUri() != null && database.isPresent()) {
            return Optional.of("cannot use the database " + withoutPassword(config.backendStoreUri()) + ": "
                    + firstLine(database.get().getMessage()));
        }
        if (failure instanceof UncheckedIOException) {
            return Optional.of(firstLine(failure.getMessage()));
        }
        return Optional.empty();
    }

    private static String bindMessage(ServerConfig config, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("in use")) {
            return "port " + config.port() + " on " + config.host() + " is already in use";
        }
        if (message.contains("assign requested address")) {
            return "cannot bind to " + config.host() + ": it is not an address of this machine";
        }
        return "cannot bind to " + config.host() + ":" + config.port() + ": " + firstLine(message);
    }

    /** {@code postgresql://u:secret@host/db} as {@code postgresql://u:***@host/db}. */
    static String withoutPassword(String uri) {
        String hidden = uri;
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://");
        if (scheme >= 0 && at > scheme) {
            String userInfo = uri.substring(scheme + 3, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                hidden = uri.substring(0, scheme + 3) + userInfo.substring(0, colon) + ":***" + uri.substring(at);
            }
        }
        return hidden.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}

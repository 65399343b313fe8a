package dev.mlforge.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The metadata of the gRPC call being served, read as HTTP headers by name (the traffic policy's sticky header, for
 * one): {@link GrpcDoor} attaches it to the call's {@link Context}.
 */
public final class GrpcRequestHeaders {
    static final Context.Key<Metadata> METADATA = Context.key("mlforge.grpc.metadata");

    private GrpcRequestHeaders() {}

    /** The current call's headers; no header at all outside a call. */
    public static UnaryOperator<String> current() {
        Metadata metadata = METADATA.get();
        return metadata == null ? name -> null : name -> header(metadata, name);
    }

    static String header(Metadata metadata, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            return null;
        }
        return metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
}

package dev.mlforge.grpc;

import dev.mlforge.config.ConfigValues;

/**
 * Where the gRPC server listens.
 *
 * @param host            the HTTP server's bind address
 * @param port            {@code grpc-port}: by default the HTTP port + 1 (any free port when the HTTP port is 0); -1
 *                        turns gRPC off
 * @param maxMessageBytes largest request message ({@code serving.max-request-size}, the largest body the REST
 *                        inference protocol takes)
 */
public record GrpcSettings(String host, int port, int maxMessageBytes) {
    public static final int OFF = -1;

    public static GrpcSettings from(ConfigValues values, String host, int httpPort, long maxRequestBytes) {
        int defaultPort = httpPort == 0 || httpPort == 65535 ? 0 : httpPort + 1;
        return new GrpcSettings(host, values.integer("grpc-port", defaultPort, OFF, 65535),
                (int) Math.min(Integer.MAX_VALUE, maxRequestBytes));
    }

    public boolean enabled() {
        return port != OFF;
    }
}

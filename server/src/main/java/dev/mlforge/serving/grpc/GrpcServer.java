package dev.mlforge.serving.grpc;

import dev.mlforge.http.Authenticator;
import dev.mlforge.serving.InferenceService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The Open Inference Protocol over gRPC (KServe's {@code GRPCInferenceService}), on its own port next to the HTTP
 * server, started and stopped with the application.
 */
public final class GrpcServer implements AutoCloseable {
    private final Server server;

    public GrpcServer(GrpcSettings settings, Authenticator authenticator, InferenceService inference, String serverVersion,
            BooleanSupplier serverReady) {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .addService(ServerInterceptors.intercept(new GrpcInference(inference, serverVersion, serverReady),
                        new GrpcDoor(authenticator)))
                .maxInboundMessageSize(settings.maxMessageBytes())
                .build();
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the gRPC inference server: " + e.getMessage(), e);
        }
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return server.getPort();
    }

    /** Stops taking calls and gives the ones in flight a few seconds to finish. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

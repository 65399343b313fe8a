package dev.mlforge.grpc;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.RequestAudit;
import dev.mlforge.http.Role;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server, on its own port next to the HTTP server, started and stopped with the application: it hosts the
 * features' services (the Open Inference Protocol, OTLP trace export) behind one {@link GrpcDoor}.
 */
public final class GrpcServer implements AutoCloseable {
    /** Calls served at once (an inference call may run its model's batch); more wait in the pool's queue. */
    private static final int CALL_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private final GrpcSettings settings;
    private final Server server;
    private final ExecutorService calls;

    public GrpcServer(GrpcSettings settings, Authenticator authenticator, List<GrpcService> services) {
        this(settings, authenticator, AccessPolicy.roles(), RequestAudit.none(), services);
    }

    /**
     * A server whose calls pass {@code policy} as their HTTP twins would (a deployment's grants for inference), and whose
     * refused and state-changing calls are handed to {@code audit}, as the HTTP door hands requests.
     */
    public GrpcServer(GrpcSettings settings, Authenticator authenticator, AccessPolicy policy, RequestAudit audit,
            List<GrpcService> services) {
        this.settings = settings;
        Map<String, Role> roles = new HashMap<>();
        Map<String, java.util.function.Function<Object, HttpTwin>> twins = new HashMap<>();
        services.forEach(service -> {
            roles.putAll(service.roles());
            twins.putAll(service.twins());
        });
        GrpcDoor door = new GrpcDoor(authenticator, roles, new GrpcDoor.Twins(policy, twins), audit);
        this.calls = callExecutor();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .maxInboundMessageSize(settings.maxMessageBytes());
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service.service(), door)));
        Set<String> nonBlocking = new HashSet<>();
        services.forEach(service -> nonBlocking.addAll(service.nonBlocking()));
        if (nonBlocking.isEmpty()) {
            builder.executor(calls);
        } else {
            // Each call starts on the transport thread, which only picks its executor (see OnTransport).
            builder.directExecutor().callExecutor(new OnTransport(nonBlocking, calls));
        }
        this.server = builder.build();
    }

    /**
     * Leaves the calls of non-blocking methods that carry no credentials on the transport thread that read them: the
     * call's callbacks (message, half-close, completion) then cost no hand-off to the call pool and no thread wake-up
     * each. Every other call goes to the pool, as before: calls with credentials too, since authenticating them may
     * read the store.
     */
    private record OnTransport(Set<String> methods, Executor pool) implements ServerCallExecutorSupplier {
        private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        private static final Metadata.Key<String> COOKIE = Metadata.Key.of("cookie", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
            boolean anonymous = !headers.containsKey(AUTHORIZATION) && !headers.containsKey(COOKIE);
            return anonymous && methods.contains(call.getMethodDescriptor().getFullMethodName()) ? null : pool;
        }
    }

    /**
     * The calls' executor: a work-stealing pool of a bounded size instead of grpc-java's default unbounded cached pool,
     * whose synchronous hand-off parks and wakes a thread for each of a call's several callbacks (see docs/benchmarks.md,
     * gRPC against JSON). Not the transport's event loop ({@code directExecutor}): an inference call no longer waits
     * for a busy model (it joins the running batch and returns), but it runs the batch itself when the model is idle,
     * and authentication may read the store on a cache miss; on the event loop, either would stall every call of the
     * connection.
     */
    private static ExecutorService callExecutor() {
        return new ForkJoinPool(CALL_THREADS, DaemonThreads.numberedForkJoin("mlforge-grpc"), null, true);
    }

    /**
     * Binds and starts taking calls. A port in use is one line the user acts on (the cause is kept as text only: a
     * bind exception in the chain would read as the HTTP port's).
     */
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            String reason = inUse(e) ? "is already in use" : "cannot be bound (" + e.getMessage() + ")";
            throw new UncheckedIOException("gRPC port " + settings.port() + " on " + settings.host() + " " + reason
                    + ": set grpc-port to a free port, or -1 to turn gRPC off",
                    new IOException(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())));
        }
    }

    /** Netty's native transport reports a busy port with its own exception type: read the messages. */
    private static boolean inUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use")) {
                return true;
            }
        }
        return false;
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
        } finally {
            calls.shutdown();
        }
    }
}

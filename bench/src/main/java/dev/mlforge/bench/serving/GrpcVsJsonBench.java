package dev.mlforge.bench.serving;

import com.google.protobuf.ByteString;
import dev.mlforge.bench.process.ServerProcess;
import dev.mlforge.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.mlforge.serving.grpc.v2.InferTensorContents;
import dev.mlforge.serving.grpc.v2.ModelInferRequest;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Open Inference Protocol over gRPC against its JSON form, through the real {@code ./mlforge server} (defaults,
 * gRPC on the HTTP port + 1): single 64-float rows to the 64-input MLP, 16 concurrent requests, interleaved rounds of
 * JSON (wrk), gRPC with typed {@code fp32_contents} and gRPC with {@code raw_input_contents} (16 calls in flight on
 * async stubs in this JVM, answers handled on the channel's event loop; {@code -Dbench.grpc.client=blocking}: 16
 * threads on blocking stubs, as measured before 2026-12-04 noon). Prints requests/s and the server's CPU per request (from /proc, which does not depend
 * on how heavy the client is), and the gRPC / JSON ratios of both.
 *
 * <pre>
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.serving.GrpcVsJsonBench MLP64.onnx [rounds] [seconds]
 * </pre>
 */
public final class GrpcVsJsonBench {
    private static final int CONCURRENCY = 16;
    private static final int FEATURES = 64;
    private static final boolean BLOCKING_CLIENT = "blocking".equals(System.getProperty("bench.grpc.client"));

    private GrpcVsJsonBench() {}

    public static void main(String[] args) throws Exception {
        Path mlp64 = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("mlforge-grpc-bench-");
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        float[] row = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            row[i] = 0.25f + (i * 37 % 100) / 40.0f;
        }
        ProductVsBareBench.Model json = new ProductVsBareBench.Model("mlp64", mlp64, jsonBody(dir, row));
        ProductVsBareBench.Model binary = new ProductVsBareBench.Model("mlp64", mlp64, binaryBody(dir, row));
        try (ServerProcess server = ServerProcess.mlforge(launcher, dir.resolve("data"), null, dir.resolve("mlforge.log"))) {
            new ModelDeployer(server.baseUrl()).deploy("mlp64", mlp64);
            int grpcPort = URI.create(server.baseUrl()).getPort() + 1;
            NettyChannelBuilder channelBuilder = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext();
            if (!BLOCKING_CLIENT) {
                // Answers are handled on the transport's event loop, as a throughput client does (no hand-off per call).
                channelBuilder.directExecutor();
            }
            ManagedChannel channel = channelBuilder.build();
            try {
                Wrk wrk = new Wrk(Path.of("bench/serving/infer.lua").toAbsolutePath(), CONCURRENCY);
                Wrk binaryWrk = new Wrk(Path.of("bench/serving/infer-binary.lua").toAbsolutePath(), CONCURRENCY);
                ModelInferRequest typed = typed(row);
                ModelInferRequest raw = raw(row);
                int warmUp = Integer.getInteger("bench.warmup", 15);
                wrk.run(server.baseUrl(), json, warmUp);
                binaryWrk.run(server.baseUrl(), binary, warmUp);
                grpc(channel, typed, warmUp);
                grpc(channel, raw, warmUp);
                List<double[]> jsonRuns = new ArrayList<>();
                List<double[]> typedRuns = new ArrayList<>();
                List<double[]> rawRuns = new ArrayList<>();
                List<double[]> binaryRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < 4; i++) {
                        switch ((round + i) % 4) {
                            case 0 -> jsonRuns.add(measure(server, () -> http(wrk, server, json, seconds)));
                            case 1 -> typedRuns.add(measure(server, () -> grpc(channel, typed, seconds)));
                            case 2 -> binaryRuns.add(measure(server, () -> http(binaryWrk, server, binary, seconds)));
                            default -> rawRuns.add(measure(server, () -> grpc(channel, raw, seconds)));
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%nsingle 64-float rows to the 64-input MLP, %d concurrent, %d interleaved rounds of %d s%n",
                        CONCURRENCY, rounds, seconds);
                double[] base = print("V2 JSON over HTTP (wrk)", jsonRuns);
                double[] typedMedian = print("V2 gRPC, fp32_contents", typedRuns);
                double[] rawMedian = print("V2 gRPC, raw_input_contents", rawRuns);
                double[] binaryMedian = print("V2 binary data over HTTP (wrk)", binaryRuns);
                System.out.printf(Locale.ROOT, "gRPC typed / JSON: %.2fx req/s, %.2fx less server CPU per request%n",
                        typedMedian[0] / base[0], base[1] / typedMedian[1]);
                System.out.printf(Locale.ROOT, "gRPC raw   / JSON: %.2fx req/s, %.2fx less server CPU per request%n",
                        rawMedian[0] / base[0], base[1] / rawMedian[1]);
                System.out.printf(Locale.ROOT, "HTTP binary / JSON: %.2fx req/s, %.2fx less server CPU per request%n",
                        binaryMedian[0] / base[0], base[1] / binaryMedian[1]);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long[] http(Wrk wrk, ServerProcess server, ProductVsBareBench.Model body, int seconds) throws Exception {
        Wrk.Result result = wrk.run(server.baseUrl(), body, seconds);
        return new long[]{result.requests(), (long) (result.seconds() * 1e9)};
    }

    private interface Load {
        /** Runs the load; answers {requests, elapsed nanoseconds}. */
        long[] run() throws Exception;
    }

    /** Requests/s and server CPU microseconds per request of one run. */
    private static double[] measure(ServerProcess server, Load load) throws Exception {
        server.awaitIdle();
        Duration before = server.cpuTime();
        long[] done = load.run();
        Duration cpu = server.cpuTime().minus(before);
        return new double[]{done[0] / (done[1] / 1e9), cpu.toNanos() / 1000.0 / done[0]};
    }

    /**
     * {@link #CONCURRENCY} calls in flight until the time is up: on async stubs, each answer sending the next call
     * (default), or with {@code -Dbench.grpc.client=blocking} on {@link #CONCURRENCY} threads with blocking stubs.
     */
    private static long[] grpc(ManagedChannel channel, ModelInferRequest request, int seconds) throws Exception {
        return BLOCKING_CLIENT ? grpcBlocking(channel, request, seconds) : grpcAsync(channel, request, seconds);
    }

    private static long[] grpcAsync(ManagedChannel channel, ModelInferRequest request, int seconds) throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean failed = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(CONCURRENCY);
        GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(channel);
        long start = System.nanoTime();
        for (int i = 0; i < CONCURRENCY; i++) {
            new Object() {
                void send() {
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request, new StreamObserver<>() {
                        @Override
                        public void onNext(ModelInferResponse response) {
                            if (response.getOutputsCount() == 0) {
                                failed.set(true);
                            }
                        }

                        @Override
                        public void onError(Throwable error) {
                            failed.set(true);
                            error.printStackTrace();
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            requests.incrementAndGet();
                            if (running.get()) {
                                send();
                            } else {
                                done.countDown();
                            }
                        }
                    });
                }
            }.send();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        long elapsed = System.nanoTime() - start;
        if (failed.get()) {
            throw new IllegalStateException("a gRPC call failed; the run is not measured");
        }
        return new long[]{requests.get(), elapsed};
    }

    private static long[] grpcBlocking(ManagedChannel channel, ModelInferRequest request, int seconds) throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean failed = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(CONCURRENCY);
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        long start = System.nanoTime();
        for (int i = 0; i < CONCURRENCY; i++) {
            Thread client = new Thread(() -> {
                try {
                    while (running.get()) {
                        if (stub.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request).getOutputsCount() == 0) {
                            failed.set(true);
                        }
                        requests.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "grpc-client-" + i);
            client.setDaemon(true);
            client.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        done.await();
        long elapsed = System.nanoTime() - start;
        if (failed.get()) {
            throw new IllegalStateException("a gRPC call failed; the run is not measured");
        }
        return new long[]{requests.get(), elapsed};
    }

    private static double[] print(String label, List<double[]> runs) {
        double[] rates = runs.stream().mapToDouble(run -> run[0]).sorted().toArray();
        double[] cpu = runs.stream().mapToDouble(run -> run[1]).sorted().toArray();
        double[] median = {rates[rates.length / 2], cpu[cpu.length / 2]};
        StringBuilder each = new StringBuilder();
        runs.forEach(run -> each.append(String.format(Locale.ROOT, " %.0f", run[0])));
        System.out.printf(Locale.ROOT, "%-32s %8.0f req/s  %6.1f us server CPU/request   (runs:%s)%n", label, median[0], median[1], each);
        return median;
    }

    private static ModelInferRequest.InferInputTensor.Builder input() {
        return ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(FEATURES);
    }

    private static ModelInferRequest typed(float[] row) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (float value : row) {
            contents.addFp32Contents(value);
        }
        return ModelInferRequest.newBuilder().setModelName("mlp64").addInputs(input().setContents(contents)).build();
    }

    private static ModelInferRequest raw(float[] row) {
        ByteBuffer bytes = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : row) {
            bytes.putFloat(value);
        }
        return ModelInferRequest.newBuilder().setModelName("mlp64").addInputs(input())
                .addRawInputContents(ByteString.copyFrom(bytes.array())).build();
    }

    /** The same row with the binary tensor data extension: the JSON part, then the 64 little-endian floats. */
    private static Path binaryBody(Path dir, float[] row) throws Exception {
        byte[] json = ("{\"inputs\": [{\"name\": \"input\", \"shape\": [1, " + FEATURES + "], \"datatype\": \"FP32\","
                + " \"parameters\": {\"binary_data_size\": " + FEATURES * 4 + "}}]}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(json.length + FEATURES * 4).order(ByteOrder.LITTLE_ENDIAN).put(json);
        for (float value : row) {
            bytes.putFloat(value);
        }
        Path body = dir.resolve("mlp64.bin");
        Files.write(body, bytes.array());
        Files.writeString(dir.resolve("mlp64.bin.json-length"), Integer.toString(json.length));
        return body;
    }

    private static Path jsonBody(Path dir, float[] row) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            data.append(i == 0 ? "" : ", ").append(row[i]);
        }
        Path body = dir.resolve("mlp64.json");
        Files.writeString(body, "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, " + FEATURES
                + "], \"datatype\": \"FP32\", \"data\": [" + data + "]}]}");
        return body;
    }
}

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Open Inference Protocol over gRPC against its JSON form, through the real {@code ./mlforge server} (defaults,
 * gRPC on the HTTP port + 1): requests of 1, 16 and 256 rows of 64 floats ({@code -Dbench.rows=1,16,256}) to the
 * 64-input MLP, 16 concurrent requests, interleaved rounds (every batch size and path in each round) of JSON (wrk),
 * gRPC with typed {@code fp32_contents}, gRPC with {@code raw_input_contents} (16 calls in flight on async stubs in
 * this JVM, answers handled on the channel's event loop; {@code -Dbench.grpc.client=blocking}: 16 threads on
 * blocking stubs) and the HTTP binary tensor extension (wrk). Prints rows/s and the server's CPU per row (from /proc,
 * which does not depend on how heavy the client is) per batch size, and the ratios of each binary path to JSON.
 *
 * <pre>
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.serving.GrpcVsJsonBench MLP64.onnx [rounds] [seconds]
 * </pre>
 */
public final class GrpcVsJsonBench {
    private static final int CONCURRENCY = 16;
    private static final int FEATURES = 64;
    private static final boolean BLOCKING_CLIENT = "blocking".equals(System.getProperty("bench.grpc.client"));
    /** Generous: on a machine at load 30 a 256-row call (or the first connection) can take seconds. */
    private static final int DEADLINE_SECONDS = 60;
    private static final List<String> PATHS = List.of("V2 JSON over HTTP (wrk)", "V2 gRPC, fp32_contents",
            "V2 binary data over HTTP (wrk)", "V2 gRPC, raw_input_contents");

    private GrpcVsJsonBench() {}

    /** One batch size's four requests: the JSON and binary bodies (files wrk sends) and the two gRPC messages. */
    private record Requests(int rows, ProductVsBareBench.Model json, ProductVsBareBench.Model binary,
            ModelInferRequest typed, ModelInferRequest raw) {}

    public static void main(String[] args) throws Exception {
        Path mlp64 = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("mlforge-grpc-bench-");
        try {
            run(dir, mlp64, rounds, seconds);
        } finally {
            // The prediction log of a full run holds every row sent (tens of GB at defaults): never leave it behind.
            deleteTree(dir);
        }
    }

    private static void run(Path dir, Path mlp64, int rounds, int seconds) throws Exception {
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        List<Requests> sizes = new ArrayList<>();
        for (String rows : System.getProperty("bench.rows", "1,16,256").split(",")) {
            sizes.add(requests(dir, mlp64, Integer.parseInt(rows.trim())));
        }
        try (ServerProcess server = ServerProcess.mlforge(launcher, dir.resolve("data"), null, dir.resolve("mlforge.log"))) {
            new ModelDeployer(server.baseUrl()).deploy("mlp64", mlp64);
            int grpcPort = URI.create(server.baseUrl()).getPort() + 1;
            NettyChannelBuilder channelBuilder = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
                    .maxInboundMessageSize(64 << 20);
            if (!BLOCKING_CLIENT) {
                // Answers are handled on the transport's event loop, as a throughput client does (no hand-off per call).
                channelBuilder.directExecutor();
            }
            ManagedChannel channel = channelBuilder.build();
            try {
                Wrk wrk = new Wrk(Path.of("bench/serving/infer.lua").toAbsolutePath(), CONCURRENCY);
                Wrk binaryWrk = new Wrk(Path.of("bench/serving/infer-binary.lua").toAbsolutePath(), CONCURRENCY);
                int warmUp = Integer.getInteger("bench.warmup", 10);
                for (Requests size : sizes) {
                    wrk.run(server.baseUrl(), size.json(), warmUp);
                    binaryWrk.run(server.baseUrl(), size.binary(), warmUp);
                    grpc(channel, size.typed(), warmUp);
                    grpc(channel, size.raw(), warmUp);
                }
                Map<Integer, List<List<double[]>>> runs = new LinkedHashMap<>();
                sizes.forEach(size -> runs.put(size.rows(), List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>())));
                for (int round = 0; round < rounds; round++) {
                    for (Requests size : sizes) {
                        for (int i = 0; i < PATHS.size(); i++) {
                            int path = (round + i) % PATHS.size();
                            Load load = switch (path) {
                                case 0 -> () -> http(wrk, server, size.json(), seconds);
                                case 1 -> () -> grpc(channel, size.typed(), seconds);
                                case 2 -> () -> http(binaryWrk, server, size.binary(), seconds);
                                default -> () -> grpc(channel, size.raw(), seconds);
                            };
                            runs.get(size.rows()).get(path).add(measure(server, load, size.rows()));
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%nrequests of N rows of 64 floats to the 64-input MLP, %d concurrent, %d interleaved rounds of %d s%n",
                        CONCURRENCY, rounds, seconds);
                StringBuilder summary = new StringBuilder();
                runs.forEach((rows, byPath) -> {
                    System.out.printf(Locale.ROOT, "%n%d row(s) per request%n", rows);
                    List<double[]> medians = new ArrayList<>();
                    for (int path = 0; path < PATHS.size(); path++) {
                        medians.add(print(PATHS.get(path), byPath.get(path)));
                    }
                    double[] base = medians.get(0);
                    summary.append(String.format(Locale.ROOT, "%3d rows: gRPC typed / JSON %.2fx rows/s (%.2fx less CPU per row);"
                            + " gRPC raw %.2fx (%.2fx); HTTP binary %.2fx (%.2fx)%n", rows,
                            medians.get(1)[0] / base[0], base[1] / medians.get(1)[1],
                            medians.get(3)[0] / base[0], base[1] / medians.get(3)[1],
                            medians.get(2)[0] / base[0], base[1] / medians.get(2)[1]));
                });
                System.out.println();
                System.out.print(summary);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Requests requests(Path dir, Path mlp64, int rows) throws Exception {
        float[] values = new float[rows * FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.25f + (i * 37 % 100) / 40.0f;
        }
        return new Requests(rows, new ProductVsBareBench.Model("mlp64", mlp64, jsonBody(dir, values, rows)),
                new ProductVsBareBench.Model("mlp64", mlp64, binaryBody(dir, values, rows)), typed(values, rows), raw(values, rows));
    }

    private static long[] http(Wrk wrk, ServerProcess server, ProductVsBareBench.Model body, int seconds) throws Exception {
        Wrk.Result result = wrk.run(server.baseUrl(), body, seconds);
        return new long[]{result.requests(), (long) (result.seconds() * 1e9)};
    }

    private interface Load {
        /** Runs the load; answers {requests, elapsed nanoseconds}. */
        long[] run() throws Exception;
    }

    /** Rows/s and server CPU microseconds per row of one run of requests of {@code rows} rows. */
    private static double[] measure(ServerProcess server, Load load, int rows) throws Exception {
        server.awaitIdle();
        Duration before = server.cpuTime();
        long[] done = load.run();
        Duration cpu = server.cpuTime().minus(before);
        double doneRows = (double) done[0] * rows;
        return new double[]{doneRows / (done[1] / 1e9), cpu.toNanos() / 1000.0 / doneRows};
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
                    stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).modelInfer(request, new StreamObserver<>() {
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
                        if (stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).modelInfer(request).getOutputsCount() == 0) {
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
        System.out.printf(Locale.ROOT, "%-32s %9.0f rows/s  %7.2f us server CPU/row   (runs:%s)%n", label, median[0], median[1], each);
        return median;
    }

    private static ModelInferRequest.InferInputTensor.Builder input(int rows) {
        return ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(rows).addShape(FEATURES);
    }

    private static ModelInferRequest typed(float[] values, int rows) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (float value : values) {
            contents.addFp32Contents(value);
        }
        return ModelInferRequest.newBuilder().setModelName("mlp64").addInputs(input(rows).setContents(contents)).build();
    }

    private static ModelInferRequest raw(float[] values, int rows) {
        return ModelInferRequest.newBuilder().setModelName("mlp64").addInputs(input(rows))
                .addRawInputContents(ByteString.copyFrom(littleEndian(values))).build();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }

    /** The rows with the binary tensor data extension: the JSON part, then the little-endian floats. */
    private static Path binaryBody(Path dir, float[] values, int rows) throws Exception {
        byte[] json = ("{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows + ", " + FEATURES + "], \"datatype\": \"FP32\","
                + " \"parameters\": {\"binary_data_size\": " + values.length * 4 + "}}]}").getBytes(StandardCharsets.UTF_8);
        Path body = dir.resolve("mlp64-" + rows + ".bin");
        Files.write(body, ByteBuffer.allocate(json.length + values.length * 4).put(json).put(littleEndian(values)).array());
        Files.writeString(dir.resolve("mlp64-" + rows + ".bin.json-length"), Integer.toString(json.length));
        return body;
    }

    private static Path jsonBody(Path dir, float[] values, int rows) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            data.append(i == 0 ? "" : ", ").append(values[i]);
        }
        Path body = dir.resolve("mlp64-" + rows + ".json");
        Files.writeString(body, "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows + ", " + FEATURES
                + "], \"datatype\": \"FP32\", \"data\": [" + data + "]}]}");
        return body;
    }
}

package dev.mlforge.bench.serving;

import com.google.protobuf.ByteString;
import dev.mlforge.bench.process.Folders;
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
 * gRPC with typed {@code fp32_contents} and with {@code raw_input_contents}, and the HTTP binary tensor extension
 * (wrk; its outputs asked as binary data too, as Triton's client asks them, {@code -Dbench.binary.outputs=false}
 * for JSON outputs). The gRPC paths are driven by {@code h2load} (C, like wrk: Debian's {@code nghttp2-client}, 16 connections of
 * one stream each as wrk's 16 connections, a pre-encoded message per size; raw also as "1x16": one connection with
 * 16 calls in flight), and by a Java client in this JVM (one connection, 16 calls in flight on async stubs, answers
 * handled on the channel's event loop; {@code -Dbench.grpc.client=blocking}: 16 threads on blocking stubs), which
 * shares the cores with the server. {@code -Dbench.grpc.client=h2load} or {@code java} keeps one
 * client; without h2load installed only the Java client runs. h2load sees HTTP statuses only: each h2load run is
 * checked against the server's own count of answered inference requests ({@code /metrics}: as many OK as h2load
 * counted, no other outcome), and one call per message through {@code nghttp} must end with {@code grpc-status: 0}.
 * Prints rows/s and the server's CPU per row (from /proc, which does not depend on how heavy the client is) per
 * batch size, and the ratios of each binary path to JSON: the median over the rounds of the ratio within a round.
 *
 * <pre>
 * apt-get install nghttp2-client   # h2load and nghttp, for the C-driven gRPC rows
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.serving.GrpcVsJsonBench MLP64.onnx [rounds] [seconds]
 * </pre>
 */
public final class GrpcVsJsonBench {
    private static final int CONCURRENCY = 16;
    private static final int FEATURES = 64;
    private static final String CLIENT = System.getProperty("bench.grpc.client", "both");
    private static final boolean BLOCKING_CLIENT = "blocking".equals(CLIENT);
    private static final boolean BINARY_OUTPUTS = !"false".equals(System.getProperty("bench.binary.outputs"));
    /** Generous: on a machine at load 30 a 256-row call (or the first connection) can take seconds. */
    private static final int DEADLINE_SECONDS = 60;
    private static final String MODEL_INFER = "/inference.GRPCInferenceService/ModelInfer";

    private GrpcVsJsonBench() {}

    /**
     * One batch size's requests: the JSON and binary bodies (files wrk sends), the two gRPC messages, and the same
     * messages length-prefixed as on the wire (files h2load sends).
     */
    private record Requests(int rows, ProductVsBareBench.Model json, ProductVsBareBench.Model binary,
            ModelInferRequest typed, ModelInferRequest raw, Path typedFrame, Path rawFrame) {}

    /** One row of the table: a path and the client that drives it. */
    private record Lane(String label, LoadOf load) {}

    private interface LoadOf {
        Load of(Requests size, int seconds) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path mlp64 = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("mlforge-grpc-bench-");
        try {
            run(dir, mlp64, rounds, seconds);
        } finally {
            // The prediction log of a full run holds every row sent (tens of GB at defaults): never leave it behind.
            Folders.delete(dir);
        }
    }

    private static void run(Path dir, Path mlp64, int rounds, int seconds) throws Exception {
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        List<Requests> sizes = new ArrayList<>();
        for (String rows : System.getProperty("bench.rows", "1,16,256").split(",")) {
            sizes.add(requests(dir, mlp64, Integer.parseInt(rows.trim())));
        }
        boolean h2load = !CLIENT.equals("java") && !BLOCKING_CLIENT && H2load.available();
        boolean java = !CLIENT.equals("h2load") || !h2load;
        if (!h2load && !CLIENT.equals("java") && !BLOCKING_CLIENT) {
            System.out.println("h2load not found (apt-get install nghttp2-client): gRPC driven by the Java client only");
        }
        try (ServerProcess server = ServerProcess.mlforge(launcher, dir.resolve("data"), null, dir.resolve("mlforge.log"))) {
            new ModelDeployer(server.baseUrl()).deploy("mlp64", mlp64);
            int grpcPort = URI.create(server.baseUrl()).getPort() + 1;
            String grpcUrl = "http://127.0.0.1:" + grpcPort + MODEL_INFER;
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
                H2load h2 = new H2load(CONCURRENCY, 1);
                H2load h2Multiplexed = new H2load(1, CONCURRENCY);
                GrpcOutcomes served = new GrpcOutcomes(server.baseUrl());
                String javaClient = BLOCKING_CLIENT ? "Java blocking" : "Java async";
                List<Lane> lanes = new ArrayList<>();
                lanes.add(new Lane("V2 JSON over HTTP (wrk)", (size, s) -> () -> http(wrk, server, size.json(), s)));
                lanes.add(new Lane("V2 binary data over HTTP (wrk)", (size, s) -> () -> http(binaryWrk, server, size.binary(), s)));
                if (h2load) {
                    lanes.add(new Lane("gRPC fp32_contents (h2load)", (size, s) -> () -> served.checked(h2, grpcUrl, size.typedFrame(), s)));
                    lanes.add(new Lane("gRPC raw_input_contents (h2load)", (size, s) -> () -> served.checked(h2, grpcUrl, size.rawFrame(), s)));
                    // The Java client's shape: one connection, 16 calls in flight on it.
                    lanes.add(new Lane("gRPC raw_input_contents (h2load 1x16)",
                            (size, s) -> () -> served.checked(h2Multiplexed, grpcUrl, size.rawFrame(), s)));
                }
                if (java) {
                    lanes.add(new Lane("gRPC fp32_contents (" + javaClient + ")", (size, s) -> () -> grpc(channel, size.typed(), s)));
                    lanes.add(new Lane("gRPC raw_input_contents (" + javaClient + ")", (size, s) -> () -> grpc(channel, size.raw(), s)));
                }
                int warmUp = Integer.getInteger("bench.warmup", 10);
                for (Requests size : sizes) {
                    if (h2load) {
                        GrpcOutcomes.requireOk(grpcUrl, size.typedFrame());
                        GrpcOutcomes.requireOk(grpcUrl, size.rawFrame());
                    }
                    for (Lane lane : lanes) {
                        lane.load().of(size, warmUp).run();
                    }
                }
                Map<Integer, List<List<double[]>>> runs = new LinkedHashMap<>();
                sizes.forEach(size -> {
                    List<List<double[]>> byLane = new ArrayList<>();
                    lanes.forEach(lane -> byLane.add(new ArrayList<>()));
                    runs.put(size.rows(), byLane);
                });
                for (int round = 0; round < rounds; round++) {
                    for (Requests size : sizes) {
                        for (int i = 0; i < lanes.size(); i++) {
                            int lane = (round + i) % lanes.size();
                            runs.get(size.rows()).get(lane).add(measure(server, served, lanes.get(lane).load().of(size, seconds), size.rows()));
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%nrequests of N rows of 64 floats to the 64-input MLP, %d concurrent, %d interleaved rounds of %d s%n",
                        CONCURRENCY, rounds, seconds);
                StringBuilder summary = new StringBuilder("rows/s against V2 JSON, median of the rounds' ratios (less server CPU"
                        + " per row in brackets)\n");
                runs.forEach((rows, byLane) -> {
                    System.out.printf(Locale.ROOT, "%n%d row(s) per request%n", rows);
                    for (int lane = 0; lane < lanes.size(); lane++) {
                        print(lanes.get(lane).label(), byLane.get(lane));
                    }
                    summary.append(String.format(Locale.ROOT, "%3d rows:", rows));
                    for (int lane = 1; lane < lanes.size(); lane++) {
                        summary.append(String.format(Locale.ROOT, "%s %s %.2fx (%.2fx)", lane == 1 ? "" : ";",
                                lanes.get(lane).label(), medianRatio(byLane.get(lane), byLane.get(0), 0),
                                medianRatio(byLane.get(0), byLane.get(lane), 1)));
                    }
                    summary.append('\n');
                });
                System.out.println();
                System.out.print(summary);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }


    private static Requests requests(Path dir, Path mlp64, int rows) throws Exception {
        float[] values = new float[rows * FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.25f + (i * 37 % 100) / 40.0f;
        }
        ModelInferRequest typed = typed(values, rows);
        ModelInferRequest raw = raw(values, rows);
        return new Requests(rows, new ProductVsBareBench.Model("mlp64", mlp64, jsonBody(dir, values, rows)),
                new ProductVsBareBench.Model("mlp64", mlp64, binaryBody(dir, values, rows)), typed, raw,
                frame(dir.resolve("mlp64-" + rows + ".typed.grpc"), typed), frame(dir.resolve("mlp64-" + rows + ".raw.grpc"), raw));
    }

    /** The message as a gRPC body carries it: not compressed, its length (4 bytes, big-endian), its bytes. */
    private static Path frame(Path file, ModelInferRequest message) throws Exception {
        byte[] bytes = message.toByteArray();
        Files.write(file, ByteBuffer.allocate(5 + bytes.length).put((byte) 0).putInt(bytes.length).put(bytes).array());
        return file;
    }

    private static long[] http(Wrk wrk, ServerProcess server, ProductVsBareBench.Model body, int seconds) throws Exception {
        Wrk.Result result = wrk.run(server.baseUrl(), body, seconds);
        return new long[]{result.requests(), (long) (result.seconds() * 1e9)};
    }

    private interface Load {
        /** Runs the load; answers {requests, elapsed nanoseconds}. */
        long[] run() throws Exception;
    }

    /**
     * Rows/s and server CPU microseconds per row of one run of requests of {@code rows} rows, and the share of its
     * requests the prediction log kept: the log drops what its writer cannot store (counted, never blocking a
     * request), so a lane faster than the writer logs a smaller share, which the output says beside its speed.
     */
    private static double[] measure(ServerProcess server, GrpcOutcomes counters, Load load, int rows) throws Exception {
        server.awaitIdle();
        double[] logBefore = counters.predictionLog();
        Duration before = server.cpuTime();
        long[] done = load.run();
        Duration cpu = server.cpuTime().minus(before);
        server.awaitIdle();
        double[] logAfter = counters.predictionLog();
        double written = logAfter[0] - logBefore[0];
        double dropped = logAfter[1] - logBefore[1];
        double doneRows = (double) done[0] * rows;
        return new double[]{doneRows / (done[1] / 1e9), cpu.toNanos() / 1000.0 / doneRows, written / (written + dropped)};
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

    /**
     * The median over the rounds of {@code top[round][field] / bottom[round][field]}: each round measures every lane
     * within a minute or so, so a ratio within a round is less moved by the load of the moment than a ratio of
     * medians taken from different rounds.
     */
    private static double medianRatio(List<double[]> top, List<double[]> bottom, int field) {
        double[] ratios = new double[top.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = top.get(round)[field] / bottom.get(round)[field];
        }
        java.util.Arrays.sort(ratios);
        return ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    }

    private static double[] print(String label, List<double[]> runs) {
        double[] rates = runs.stream().mapToDouble(run -> run[0]).sorted().toArray();
        double[] cpu = runs.stream().mapToDouble(run -> run[1]).sorted().toArray();
        double[] logged = runs.stream().mapToDouble(run -> run[2]).sorted().toArray();
        double[] median = {rates[rates.length / 2], cpu[cpu.length / 2]};
        StringBuilder each = new StringBuilder();
        runs.forEach(run -> each.append(String.format(Locale.ROOT, " %.0f", run[0])));
        System.out.printf(Locale.ROOT, "%-40s %9.0f rows/s  %7.2f us server CPU/row  %5.1f %% logged   (runs:%s)%n", label,
                median[0], median[1], 100 * logged[logged.length / 2], each);
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

    /**
     * The rows with the binary tensor data extension: the JSON part, then the little-endian floats; the outputs asked
     * as binary data too (as Triton's client asks them by default), unless {@code -Dbench.binary.outputs=false}.
     */
    private static Path binaryBody(Path dir, float[] values, int rows) throws Exception {
        byte[] json = ("{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows + ", " + FEATURES + "], \"datatype\": \"FP32\","
                + " \"parameters\": {\"binary_data_size\": " + values.length * 4 + "}}]"
                + (BINARY_OUTPUTS ? ", \"parameters\": {\"binary_data_output\": true}}" : "}")).getBytes(StandardCharsets.UTF_8);
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

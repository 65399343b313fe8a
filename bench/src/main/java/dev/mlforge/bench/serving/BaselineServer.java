package dev.mlforge.bench.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The bare minimum a V2 infer endpoint needs, for the same-run baseline: the JDK's HTTP server with TCP_NODELAY,
 * Jackson and ONNX Runtime; FP32 input, FP32/INT64 outputs; no validation, batching, metrics or logging.
 * Usage: {@code BaselineServer MODEL.onnx PORT [NAME=MODEL.onnx ...]}: {@code /v2/models/NAME/infer} runs the named
 * model, any other name the first one; {@code /health} answers 200.
 */
public final class BaselineServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineServer() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        OrtSession session = environment.createSession(args[0], options);
        Map<String, OrtSession> named = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] nameAndModel = args[i].split("=", 2);
            named.put(nameAndModel[0], environment.createSession(nameAndModel[1], options));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 1024);
        server.createContext("/health", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.createContext("/v2/models/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().split("/")[3];
                answer(exchange, environment, named.getOrDefault(name, session));
            } catch (Exception e) {
                byte[] error = ("{\"error\": \"" + e.getMessage() + "\"}").getBytes();
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
        System.out.println("baseline listening on " + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, OrtEnvironment environment, OrtSession session) throws Exception {
        JsonNode input = JSON.readTree(exchange.getRequestBody().readAllBytes()).get("inputs").get(0);
        long[] shape = new long[input.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.get("shape").get(i).asLong();
        }
        JsonNode data = input.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        ObjectNode response = JSON.createObjectNode().put("model_name", "bench");
        ArrayNode outputs = response.putArray("outputs");
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(input.get("name").asText(), tensor))) {
            for (Map.Entry<String, OnnxValue> entry : result) {
                OnnxTensor output = (OnnxTensor) entry.getValue();
                ObjectNode node = outputs.addObject().put("name", entry.getKey());
                ArrayNode outShape = node.putArray("shape");
                for (long dim : output.getInfo().getShape()) {
                    outShape.add(dim);
                }
                ArrayNode outData = node.putArray("data");
                if (output.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
                    node.put("datatype", "INT64");
                    LongBuffer buffer = output.getLongBuffer();
                    while (buffer.hasRemaining()) {
                        outData.add(buffer.get());
                    }
                } else {
                    node.put("datatype", "FP32");
                    FloatBuffer buffer = output.getFloatBuffer();
                    while (buffer.hasRemaining()) {
                        outData.add(buffer.get());
                    }
                }
            }
        }
        byte[] body = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

}

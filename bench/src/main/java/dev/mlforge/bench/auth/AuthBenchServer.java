package dev.mlforge.bench.auth;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One server of {@link AuthOverheadBench} in its own JVM, so that its CPU time is its process's alone: the
 * application as {@code ./mlforge server} wires it, configured by {@code key=value} arguments (the config keys).
 */
public final class AuthBenchServer {
    private AuthBenchServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Application app = new Application(ServerConfig.from(ConfigValues.of(values))).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("auth bench server listening at " + app.baseUrl());
        new CountDownLatch(1).await();
    }
}

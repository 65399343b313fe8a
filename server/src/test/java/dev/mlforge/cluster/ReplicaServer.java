package dev.mlforge.cluster;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mlforge server in its own JVM for the replica tests: the same {@link Application} the CLI's {@code mlforge
 * server} starts, configured by {@code key=value} arguments. Prints {@code LISTENING <port>} once it serves.
 */
public final class ReplicaServer {
    private ReplicaServer() {}

    public static void main(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Application application = new Application(ServerConfig.from(ConfigValues.of(values))).start();
        Runtime.getRuntime().addShutdownHook(new Thread(application::close));
        System.out.println("LISTENING " + application.port());
        System.out.flush();
    }
}

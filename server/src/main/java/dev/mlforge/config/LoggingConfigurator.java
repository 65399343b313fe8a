package dev.mlforge.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The platform's one logging setup, in code rather than XML (parsing a logback.xml loads an XML stack and costs
 * about 0.2 s of start-up): everything to stderr, third-party libraries at WARN, the level from the key
 * {@code log-level} (default INFO). Found by logback through {@code META-INF/services}, before any configuration is
 * loaded: it starts from {@code MLFORGE_LOG_LEVEL}, and {@link #apply} sets the level of the loaded configuration.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    private static final Map<String, Level> QUIET_LIBRARIES = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "io.javalin", Level.WARN,
            "org.tribuo", Level.WARN,
            "ai.djl", Level.WARN);

    private static final String LEVEL_KEY = "log-level";

    /** Sets the root level to the configuration's {@code log-level} (a file or flag may set it, not only the environment). */
    public static void apply(ConfigValues values) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(values.string(LEVEL_KEY, "INFO"), Level.INFO));
        }
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(ConfigLoader.fromSystemEnvironment().environmentValue(LEVEL_KEY), Level.INFO));
        root.addAppender(stderr);
        QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

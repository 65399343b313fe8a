package dev.mlforge.monitoring.monitors;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** A five-field Unix cron expression evaluated in UTC. */
final class CronExpression {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime executionTime;

    private CronExpression(ExecutionTime executionTime) {
        this.executionTime = executionTime;
    }

    /** Throws IllegalArgumentException with the parser's reason when {@code text} is not a valid expression. */
    static CronExpression parse(String text) {
        return new CronExpression(ExecutionTime.forCron(PARSER.parse(text).validate()));
    }

    /** The time from {@code now} to the next matching minute; empty when it never matches again. */
    Optional<Duration> delayAfter(Instant now) {
        return executionTime.timeToNextExecution(now.atZone(ZoneOffset.UTC));
    }
}

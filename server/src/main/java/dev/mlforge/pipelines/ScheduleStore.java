package dev.mlforge.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persists schedules (with the compare-and-set lease on their next fire time) and drift triggers. */
interface ScheduleStore {
    /** Creates or replaces the schedule named {@code schedule.name()}. */
    void save(ScheduledPipeline schedule);

    boolean delete(String name);

    Optional<ScheduledPipeline> find(String name);

    List<ScheduledPipeline> list();

    /** Enabled schedules whose next fire time is at or before {@code now}. */
    List<ScheduledPipeline> due(Instant now);

    /**
     * Moves the schedule's next fire time from {@code expected} to {@code next} if nobody did it first; true when this
     * caller won and must fire the run.
     */
    boolean claim(String name, Instant expected, Instant next, String owner, Instant now);

    void saveTrigger(RetrainTrigger trigger);

    Optional<RetrainTrigger> trigger(String deployment);

    List<RetrainTrigger> triggers();

    boolean deleteTrigger(String deployment);

    /** The workspace the schedule lives in ({@code default} when it has gone). */
    String workspaceOfSchedule(String name);

    /** The workspace a drift trigger lives in: its deployment's ({@code default} when it has none). */
    String workspaceOfTrigger(String deployment);
}

package dev.mlforge.pipelines;

import dev.mlforge.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the pipeline engine.
 *
 * @param workDir           step outputs and cache ({@code pipelines.work-dir}, default {@code <data-dir>/pipelines})
 * @param baseDir           folder relative paths in submitted pipelines resolve against ({@code pipelines.base-dir}, default ".")
 * @param stepParallelism   steps of one run executing at once ({@code pipelines.step-parallelism}, default 2)
 * @param concurrentRuns    pipeline runs executing at once ({@code pipelines.concurrent-runs}, default 2)
 * @param schedulerInterval how often due schedules are checked ({@code pipelines.scheduler-interval-seconds}, default 15)
 * @param driftRetrainCooldown the least time between two retrainings a drift trigger starts for one deployment
 *                          ({@code pipelines.drift-retrain-cooldown-seconds}, default 3600, 0 for none)
 */
public record PipelinesConfig(Path workDir, Path baseDir, int stepParallelism, int concurrentRuns, Duration schedulerInterval,
        Duration driftRetrainCooldown) {
    public static final Duration DEFAULT_DRIFT_RETRAIN_COOLDOWN = Duration.ofHours(1);

    public static PipelinesConfig from(ConfigValues values, Path dataDir) {
        Path workDir = Path.of(values.string("pipelines.work-dir", dataDir.resolve("pipelines").toString())).toAbsolutePath();
        Path baseDir = Path.of(values.string("pipelines.base-dir", ".")).toAbsolutePath().normalize();
        int parallelism = values.integer("pipelines.step-parallelism", 2, 1, 64);
        int runs = values.integer("pipelines.concurrent-runs", 2, 1, 64);
        int interval = values.integer("pipelines.scheduler-interval-seconds", 15, 1, 3600);
        long cooldown = values.longValue("pipelines.drift-retrain-cooldown-seconds", DEFAULT_DRIFT_RETRAIN_COOLDOWN.toSeconds(),
                0, 30L * 24 * 3600);
        return new PipelinesConfig(workDir, baseDir, parallelism, runs, Duration.ofSeconds(interval), Duration.ofSeconds(cooldown));
    }
}

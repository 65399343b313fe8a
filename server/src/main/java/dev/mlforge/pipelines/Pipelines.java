package dev.mlforge.pipelines;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.cluster.Cluster;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.events.EventBus;
import dev.mlforge.store.Database;
import dev.mlforge.training.RunRecorder;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline engine assembled for the server: runner, background runs, cron scheduler, drift trigger and routes.
 * The application hands it the platform seams (tracking, registry, serving, datasets).
 */
public final class Pipelines implements Feature {
    private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

    private final PipelinesConfig config;
    private final PipelineRunner runner;
    private final PipelineService service;
    private final PipelineScheduler scheduler;
    private final DriftTrigger driftTrigger;
    private final AutoCloseable driftSubscription;
    private final Cluster cluster;

    public Pipelines(PipelinesConfig config, Database database, EventBus events, RunRecorder recorder,
            ModelRegistrar registrar, Deployer deployer, DatasetService datasets, Clock clock) {
        this(config, database, events, recorder, registrar, deployer, datasets, clock, Cluster.single("mlforge-" + UUID.randomUUID()));
    }

    /** As above, with runs leased in {@code cluster}: a run of a server that died is taken over by another one. */
    public Pipelines(PipelinesConfig config, Database database, EventBus events, RunRecorder recorder,
            ModelRegistrar registrar, Deployer deployer, DatasetService datasets, Clock clock, Cluster cluster) {
        this(config, database, events, recorder, registrar, deployer, datasets, clock, cluster, null);
    }

    /** As above, with the feature store's training sets for the {@code features} step (null: that step is refused). */
    public Pipelines(PipelinesConfig config, Database database, EventBus events, RunRecorder recorder,
            ModelRegistrar registrar, Deployer deployer, DatasetService datasets, Clock clock, Cluster cluster,
            TrainingSetBuilder trainingSets) {
        this(config, database, events, recorder, registrar, deployer, datasets, clock, cluster, trainingSets, null);
    }

    /**
     * As above, with cached step outputs kept in {@code artifacts} (an S3 destination holds them, and a server
     * whose work folder lacks them downloads them on a hit); null keeps them in the work folder alone.
     */
    public Pipelines(PipelinesConfig config, Database database, EventBus events, RunRecorder recorder,
            ModelRegistrar registrar, Deployer deployer, DatasetService datasets, Clock clock, Cluster cluster,
            TrainingSetBuilder trainingSets, ArtifactRepository artifacts) {
        this.config = config;
        this.cluster = cluster;
        PipelineServices services = new PipelineServices(recorder, registrar, deployer, datasets, config.baseDir(), clock)
                .withTrainingSets(trainingSets);
        JdbiStepCache index = new JdbiStepCache(database, clock);
        StepCache cache = artifacts == null ? index : new ArtifactStepCache(index, artifacts, config.workDir().resolve("cache"));
        this.runner = new PipelineRunner(StepCatalog.standard(), cache, services, config.workDir(),
                config.stepParallelism());
        this.service = PipelineService.create(database, runner, config.baseDir(), clock, config.concurrentRuns(), cluster, events);
        this.scheduler = PipelineScheduler.create(database, service, runner, clock, cluster.instanceId());
        this.driftTrigger = DriftTrigger.create(database, service, runner, clock, config.driftRetrainCooldown());
        this.driftSubscription = driftTrigger.subscribeTo(events);
    }

    @Override
    public List<Routes> routes() {
        return List.of(new PipelineRoutes(service, scheduler, driftTrigger));
    }

    /** Starts the cron scheduler. */
    @Override
    public void start() {
        scheduler.start(config.schedulerInterval());
        // a dead server's run is taken within a lease time plus a third of it
        service.startAdopting(cluster.leaseTime().dividedBy(3));
    }

    public PipelineRunner runner() {
        return runner;
    }

    /** The cron schedules of pipelines. */
    public PipelineScheduler scheduler() {
        return scheduler;
    }

    /** The retraining triggers fired by drift. */
    public DriftTrigger driftTrigger() {
        return driftTrigger;
    }

    public PipelineService service() {
        return service;
    }

    @Override
    public void close() {
        scheduler.close();
        try {
            driftSubscription.close();
        } catch (Exception e) {
            log.warn("Failed to unsubscribe the drift trigger", e);
        }
        service.close();
        runner.close();
    }
}

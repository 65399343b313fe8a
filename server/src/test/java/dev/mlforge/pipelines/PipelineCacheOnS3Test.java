package dev.mlforge.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.Folders;
import dev.mlforge.testing.S3Bucket;
import dev.mlforge.testsupport.RepoDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --artifacts-destination s3://...} (a real S3 server, s3proxy), cached step outputs are stored in the
 * bucket: a rerun on a server whose work folder lost them hits the cache and gets the files back from S3.
 */
class PipelineCacheOnS3Test {
    private static final String BUCKET = "mlforge-pipelines";

    @RegisterExtension
    static final S3Bucket bucket = new S3Bucket(BUCKET);

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withS3Artifacts(bucket, "mlflow");
    @TempDir
    Path tmp;



    @Test
    void a_rerun_whose_work_folder_lost_the_cache_hits_it_from_s3() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("split.yaml"), """
                name: split-wine
                experiment: wine
                steps:
                  - name: load
                    uses: load
                    with: {path: '%s', dataset: wine}
                  - name: split
                    uses: split
                    inputs: {data: load.data}
                    with: {label: class, test_fraction: 0.3, seed: 42}
                """.formatted(RepoDatasets.wine()));
        PipelineRunResult first = run(yaml);
        StepOutcome.Succeeded split = (StepOutcome.Succeeded) first.step("split");
        assertThat(split.state()).isEqualTo(StepState.SUCCEEDED);
        Path train = Path.of((String) split.value("train"));
        byte[] trainBytes = Files.readAllBytes(train);
        List<String> stored = bucket.client().listObjectsV2(request -> request.bucket(BUCKET).prefix("mlflow/pipeline-cache/"
                + split.cacheKey() + "/")).contents().stream().map(object -> object.key()).toList();
        assertThat(stored).isNotEmpty().allMatch(key -> key.startsWith("mlflow/pipeline-cache/" + split.cacheKey() + "/"));

        // the work folder is lost (a fresh disk, another replica): the cache entry is served from S3
        Path cache = server.dataDir().resolve("pipelines").resolve("cache");
        Folders.delete(cache);
        assertThat(train).doesNotExist();

        PipelineRunResult second = run(yaml);
        StepOutcome.Succeeded cached = (StepOutcome.Succeeded) second.step("split");
        assertThat(cached.state()).isEqualTo(StepState.CACHED);
        assertThat(cached.cacheKey()).isEqualTo(split.cacheKey());
        assertThat(Files.readAllBytes(Path.of((String) cached.value("train")))).isEqualTo(trainBytes);
        assertThat(Path.of((String) cached.value("test"))).exists();
    }

    private PipelineRunResult run(Path yaml) {
        return server.application().pipelineRunner().run(yaml, Map.of(), event -> { });
    }
}

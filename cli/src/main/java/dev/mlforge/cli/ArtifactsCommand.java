package dev.mlforge.cli;

import dev.mlforge.api.tracking.FileInfo;
import dev.mlforge.api.tracking.ListArtifactsResponse;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge artifacts upload|download|list}: a run's artifacts, through the server's artifact proxy. */
@Command(name = "artifacts", mixinStandardHelpOptions = true, description = "Upload, download and list run artifacts.")
final class ArtifactsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Upload a file (to DEST/<file name>) or a directory's content (under DEST).")
    int upload(@Mixin ClientOptions options,
            @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id.") String runId,
            @Parameters(paramLabel = "LOCAL", description = "The local file or directory.") Path local,
            @Option(names = "--path", paramLabel = "DEST", description = "Destination directory in the run's artifacts (default: the root).")
            String destination,
            @Option(names = "--progress", description = "Show a progress bar even when stderr is not a terminal.")
            boolean progress) {
        MlforgeClient client = options.client();
        List<String> written = client.artifacts().upload(runId, local, destination, progressListener(progress));
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, Map.of("run_id", runId, "uploaded", written));
        } else {
            written.forEach(path -> out.println("uploaded " + path));
            out.flush();
        }
        return 0;
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download an artifact file or directory into DIR.")
    int download(@Mixin ClientOptions options,
            @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id.") String runId,
            @Parameters(paramLabel = "PATH", description = "The artifact path (\"\" for everything).") String path,
            @Option(names = "--dest", required = true, paramLabel = "DIR", description = "The local directory.") Path dest,
            @Option(names = "--progress", description = "Show a progress bar even when stderr is not a terminal.")
            boolean progress) {
        Path written = options.client().artifacts().download(runId, path, dest, progressListener(progress));
        options.printDownloaded(spec.commandLine().getOut(), Map.of("run_id", runId, "path", path), written);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a directory of a run's artifacts.")
    int list(@Mixin ClientOptions options,
            @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id.") String runId,
            @Parameters(paramLabel = "PATH", arity = "0..1", description = "The directory (default: the root).") String path) {
        MlforgeClient client = options.client();
        List<FileInfo> files = client.artifacts().list(runId, path);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new ListArtifactsResponse(client.runs().get(runId).info().artifactUri(), files, null));
            return 0;
        }
        Table table = new Table("PATH", "TYPE", "SIZE");
        files.forEach(file -> table.row(file.path(), Boolean.TRUE.equals(file.isDir()) ? "dir" : "file",
                file.fileSize() == null ? "" : file.fileSize()));
        table.print(out);
        return 0;
    }

    private ProgressListener progressListener(boolean forced) {
        return ProgressBar.forCommand(spec.commandLine().getErr(), forced);
    }
}

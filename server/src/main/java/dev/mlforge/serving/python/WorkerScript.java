package dev.mlforge.serving.python;

import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker script and its {@code mlflow.pyfunc} stand-in, copied once per server process from the jar's resources
 * to a private temporary folder that Python can run them from (deleted, with its subfolders, when the JVM exits).
 */
final class WorkerScript {
    private static final String RESOURCES = "/dev/mlforge/serving/python/";
    static final String SCRIPT = "mlforge_worker.py";
    private static final List<String> FILES = List.of(SCRIPT, "mlforge_shim/mlflow/__init__.py",
            "mlforge_shim/mlflow/pyfunc/__init__.py", "mlforge_shim/mlflow/pyfunc/model.py",
            "mlforge_shim/mlflow/models/__init__.py", "mlforge_shim/mlflow/models/signature.py");

    private WorkerScript() {}

    /** The script's path, extracting the files on first use. */
    static Path path() {
        return Extracted.SCRIPT_PATH;
    }

    /** Holder idiom: extracted when first needed, once. */
    private static final class Extracted {
        static final Path SCRIPT_PATH = extract();
    }

    private static Path extract() {
        try {
            Path folder = Files.createTempDirectory("mlforge-python-");
            // The whole tree at exit: File.deleteOnExit would try a folder before its subfolders are empty.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "mlforge-python-cleanup"));
            for (String file : FILES) {
                Path target = folder.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = WorkerScript.class.getResourceAsStream(RESOURCES + file)) {
                    if (in == null) {
                        throw new IllegalStateException("Missing resource " + RESOURCES + file);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder.resolve(SCRIPT);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Cannot write the Python worker script to the temporary folder: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Deletes {@code folder} and everything in it, as far as it can (best effort). */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}

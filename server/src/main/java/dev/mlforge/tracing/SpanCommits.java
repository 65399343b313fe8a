package dev.mlforge.tracing;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of span exports: one writer thread drains the exports waiting in its queue and stores them in one
 * transaction, then answers each export only after that commit, so an acknowledged span survives the process being
 * killed. Request threads parse in parallel and wait here; the store sees one transaction (and one experiment check
 * per experiment) for all the exports that arrived while the previous one committed, instead of one each. An export
 * whose experiment is missing or deleted fails alone; when a group's transaction fails, its exports are retried one
 * by one so that each is answered with its own outcome.
 */
final class SpanCommits implements AutoCloseable {
    /** The most exports one transaction takes (about 25,000 spans in batches of 100). */
    static final int MAX_GROUP = 256;
    private static final int QUEUE_CAPACITY = 1024;

    /** Spans of one export, for experiment {@code experimentId}, and where its outcome goes. */
    private record Export(String experimentId, List<SpanRow> spans, CompletableFuture<Void> done) {}

    private final TraceStore store;
    private final TraceExperiments experiments;
    private final BlockingQueue<Export> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private volatile boolean closed;

    SpanCommits(TraceStore store, TraceExperiments experiments) {
        this.store = store;
        this.experiments = experiments;
        this.writer = DaemonThreads.start("mlforge-span-commits", this::drain);
    }

    /** Stores the spans; returns once they are committed, throws what storing them threw. */
    void commit(String experimentId, List<SpanRow> spans) {
        Export export = new Export(experimentId, spans, new CompletableFuture<>());
        try {
            if (closed) {
                throw new IllegalStateException("The span writer is closed");
            }
            queue.put(export);
            export.done().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing spans", e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void drain() {
        List<Export> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Export first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                store(group);
            } catch (InterruptedException e) {
                closed = true;
            } catch (RuntimeException | Error e) {
                group.forEach(export -> export.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void store(List<Export> group) {
        Map<String, String> artifactRoots = new LinkedHashMap<>();
        List<TraceStore.SpanExport> accepted = new ArrayList<>(group.size());
        List<Export> waiting = new ArrayList<>(group.size());
        for (Export export : group) {
            try {
                String root = artifactRoots.computeIfAbsent(export.experimentId(), experiments::activeArtifactLocation);
                accepted.add(new TraceStore.SpanExport(export.experimentId(), root, export.spans()));
                waiting.add(export);
            } catch (MlforgeException e) {
                export.done().completeExceptionally(e);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        try {
            store.logSpans(accepted);
        } catch (RuntimeException e) {
            if (accepted.size() == 1) {
                waiting.get(0).done().completeExceptionally(e);
                return;
            }
            for (int i = 0; i < accepted.size(); i++) {
                try {
                    store.logSpans(List.of(accepted.get(i)));
                    waiting.get(i).done().complete(null);
                } catch (RuntimeException alone) {
                    waiting.get(i).done().completeExceptionally(alone);
                }
            }
            return;
        }
        waiting.forEach(export -> export.done().complete(null));
    }

    /** Stores what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Export late; (late = queue.poll()) != null; ) {
            late.done().completeExceptionally(new IllegalStateException("The span writer is closed"));
        }
    }
}

package io.github.gen4j.studio;

import ai.djl.Device;
import io.github.gen4j.family.Runs;
import io.github.gen4j.io.DataException;
import io.github.gen4j.train.CheckpointException;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.LoadedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Loaded models and the one thread that uses them. Sampling, interpolation and editing all run on a single
 * worker thread, one request after another, so the page cannot start unbounded parallel model work: at most
 * {@link #QUEUE} requests wait behind the running one, and the next gets 429. The worker keeps the
 * {@link #CACHED} most recently used models loaded (run folder plus checkpoint file), closing the one it
 * evicts; all of them are closed with the studio.
 */
final class Models implements AutoCloseable {

    /** Models kept loaded. */
    static final int CACHED = 2;
    /** Requests that may wait while one runs. */
    static final int QUEUE = 4;

    /** What a request does with a loaded model, on the worker thread. */
    interface Work<T> {
        T apply(LoadedRun model) throws Exception;
    }

    private final ThreadPoolExecutor worker;
    /** Loaded models by checkpoint identity, least recently used first; touched only by the worker. */
    private final LinkedHashMap<String, LoadedRun> loaded = new LinkedHashMap<>(4, 0.75f, true);

    Models() {
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "gen4j-studio-models");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The checkpoint file of a run: {@code name} (one of its {@code checkpoints/step-N.ckpt} files) or, if
     * null or empty, the newest that verifies.
     */
    static Path checkpoint(RunIds ids, Path runFolder, String name) {
        CheckpointStore store = new CheckpointStore(runFolder.resolve("checkpoints"));
        if (name == null || name.isEmpty()) {
            try {
                return store.latest().orElseThrow(() -> new StudioException(409, "run '" + ids.idOf(runFolder)
                        + "' has no checkpoint yet"));
            } catch (CheckpointException e) {
                throw new StudioException(422, "checkpoint: " + e.getMessage());
            }
        }
        Path f;
        try {
            f = ids.file(runFolder, "checkpoints", name);
            CheckpointStore.stepOf(f);
        } catch (StudioException | IllegalArgumentException e) {
            throw new StudioException(400, "checkpoint: '" + shorten(name) + "' is not one of run '"
                    + ids.idOf(runFolder) + "''s checkpoints " + names(store));
        }
        return f;
    }

    private static String names(CheckpointStore store) {
        try {
            List<Path> all = store.list();
            return all.isEmpty() ? "(it has none)" : "(" + all.stream().map(p -> p.getFileName().toString())
                    .reduce((a, b) -> a + ", " + b).orElse("") + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Runs {@code work} on the worker thread with the run's model loaded from {@code checkpoint}, waiting
     * for the result. Errors become one-line {@link StudioException}s: a bad request 400, a busy studio 429.
     */
    <T> T run(Path runFolder, Path checkpoint, Work<T> work) {
        Future<T> f;
        try {
            f = worker.submit(() -> work.apply(model(runFolder, checkpoint)));
        } catch (RejectedExecutionException e) {
            if (worker.isShutdown()) {
                throw new StudioException(503, "the studio is closing");
            }
            throw new StudioException(429, "the studio is busy: one model request is running and " + QUEUE
                    + " are waiting; try again when they finish");
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new StudioException(503, "interrupted while waiting for the model");
        } catch (CancellationException e) {
            throw new StudioException(503, "the studio is closing");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    /** A failure of model work as a one-line error with a status. */
    static StudioException translate(Throwable t) {
        if (t instanceof StudioException s) {
            return s;
        }
        if (t instanceof CheckpointException) {
            return new StudioException(422, "checkpoint: " + oneLine(t));
        }
        if (t instanceof IllegalArgumentException || t instanceof DataException) {
            // core messages name the CLI option ("--steps 2000: ..."): the studio's field has the same name
            String m = oneLine(t);
            return new StudioException(400, m.startsWith("--") ? m.substring(2) : m);
        }
        if (t instanceof OutOfMemoryError) {
            return new StudioException(503, "out of memory while running the model; try fewer images");
        }
        return new StudioException(500, t.getClass().getSimpleName() + ": " + oneLine(t));
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    /** The loaded model of a checkpoint, loading it (and evicting the least recently used) if needed. */
    private LoadedRun model(Path runFolder, Path checkpoint) throws IOException {
        String key = checkpoint.toRealPath() + "@" + Files.getLastModifiedTime(checkpoint).toMillis() + "/"
                + Files.size(checkpoint);
        LoadedRun m = loaded.get(key);
        if (m != null) {
            return m;
        }
        // drop other versions of this checkpoint (rewritten) and the least recently used beyond the limit
        String prefix = checkpoint.toRealPath() + "@";
        loaded.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(prefix)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        while (loaded.size() >= CACHED) {
            Iterator<Map.Entry<String, LoadedRun>> it = loaded.entrySet().iterator();
            it.next().getValue().close();
            it.remove();
        }
        m = Runs.load(runFolder, checkpoint, Device.cpu());
        loaded.put(key, m);
        return m;
    }

    /** Requests waiting behind the running one. */
    int waiting() {
        return worker.getQueue().size();
    }

    @Override
    public void close() {
        // queued requests are cancelled (their callers get 503); the running one finishes first, since
        // closing a model under it would free native memory it still uses
        worker.shutdown();
        List<Runnable> queued = new java.util.ArrayList<>();
        worker.getQueue().drainTo(queued);
        for (Runnable r : queued) {
            if (r instanceof Future<?> f) {
                f.cancel(false);
            }
        }
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                return; // still busy: leave its models to the process's exit rather than crash it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (LoadedRun m : loaded.values()) {
            m.close();
        }
        loaded.clear();
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}

package io.github.gen4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.Reconstructor;
import java.nio.file.Path;

/**
 * A run folder's model loaded for inference (sampling, reconstruction, evaluation), with its weights (the
 * EMA weights where the run kept them). Close it to free the native memory. Which task a folder holds is
 * decided by the {@link TaskFactory} given to {@link #load}, so this class works for any family;
 * {@code family.Runs.load} passes the registered families.
 */
public final class LoadedRun implements AutoCloseable {

    private final RunDir run;
    private final RunConfig config;
    private final TrainingTask task;
    private final NDManager root;
    private final ModelState state;
    private final Path checkpoint;
    private final long step;

    private LoadedRun(RunDir run, RunConfig config, TrainingTask task, NDManager root, ModelState state, Path checkpoint,
            long step) {
        this.run = run;
        this.config = config;
        this.task = task;
        this.root = root;
        this.state = state;
        this.checkpoint = checkpoint;
        this.step = step;
    }

    public RunDir run() {
        return run;
    }

    public RunConfig config() {
        return config;
    }

    public TrainingTask task() {
        return task;
    }

    /** A manager on the model's device, for per-call sub-managers. */
    public NDManager manager() {
        return root;
    }

    public Path checkpoint() {
        return checkpoint;
    }

    public long step() {
        return step;
    }

    public long parameterCount() {
        return state.parameterCount();
    }

    /** The model as a generator; fails with a clear message if the family cannot generate. */
    public ImageGenerator generator() {
        if (task instanceof ImageGenerator g) {
            return g;
        }
        throw new IllegalArgumentException(run.root() + ": a " + task.family() + " model cannot sample");
    }

    /** The model as a reconstructor; fails with a clear message if the family has no encoder. */
    public Reconstructor reconstructor() {
        if (task instanceof Reconstructor r) {
            return r;
        }
        throw new IllegalArgumentException(run.root() + ": a " + task.family()
                + " model has no encoder to reconstruct with");
    }

    @Override
    public void close() {
        state.close();
        root.close();
    }

    /**
     * Loads {@code runFolder}'s newest checkpoint (or {@code checkpoint} if not null) on {@code device}, the
     * task rebuilt by {@code tasks} from the saved family and model config.
     */
    public static LoadedRun load(Path runFolder, Path checkpoint, Device device, TaskFactory tasks) {
        RunDir run = RunDir.open(runFolder);
        RunConfig config = run.readConfig();
        Path file = checkpoint != null ? checkpoint : run.checkpoints().latest().orElseThrow(
                () -> new CheckpointException(runFolder + ": the run has no checkpoint yet"));
        TrainingTask task = tasks.create(config.family(), config.model());
        NDManager root = NDManager.newBaseManager(device);
        try {
            ModelState state = new ModelState(task, null, config.train().seed(), root);
            JsonNode header = state.load(file, false, true);
            return new LoadedRun(run, config, task, root, state, file, header.path("step").asLong());
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}

package io.github.gen4j;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Library-wide facts and the single place where the tensor engine is obtained.
 *
 * <p>gen4j never downloads anything at run time: {@link #engine()} forces DJL's offline mode before
 * the engine is first touched, so the native PyTorch library must come from the
 * {@code pytorch-native-*} artifact on the class path.
 */
public final class Gen4j {

    /** The library version, written into every run's config and checkpoint. */
    public static final String VERSION = "0.1.0";

    /**
     * Environment for a process that trains with gen4j on Linux (glibc): one malloc arena, no trimming, and
     * no mmap for blocks under 32 MiB, so that the tensors a training step frees are reused by the next
     * step instead of being returned to the kernel and faulted in again (with glibc's defaults a Glow step
     * spent a fifth of its time in page faults: 2.48 M faults in 30 steps, 0.21 M with these). glibc reads
     * them at start-up, so they must be set before the JVM starts: the {@code gen4j} launcher exports them
     * and the studio passes them to its jobs; library users can export them too. Other C libraries ignore them.
     */
    public static final java.util.Map<String, String> ALLOCATOR_ENVIRONMENT = java.util.Map.of(
            "MALLOC_ARENA_MAX", "1",
            "MALLOC_TRIM_THRESHOLD_", "2147483648",
            "MALLOC_MMAP_THRESHOLD_", "33554432");

    private Gen4j() {}

    /** The DJL engine (PyTorch), in offline mode. */
    public static Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getInstance();
    }

    /**
     * Parses a device option: {@code auto} (the first GPU if any, else CPU), {@code cpu}, {@code gpu} or
     * {@code gpu:N}.
     */
    public static Device device(String spec) {
        Engine engine = engine();
        if (spec == null || spec.isBlank() || spec.equals("auto")) {
            return engine.defaultDevice();
        }
        try {
            return Device.fromName(spec, engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--device: '" + spec + "' is not a device (expected auto, cpu, gpu or gpu:N)", e);
        }
    }
}

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

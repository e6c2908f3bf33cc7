package io.github.gen4j.compare;

import ai.djl.Device;
import io.github.gen4j.data.TrainingData;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the work on one comparison folder in this process shares: the folder and its settings, the recipes,
 * the resolved data, the device, where messages go, and the stop flag (Ctrl-C, or a claim taken over) that
 * training and measuring check between steps.
 */
record CompareContext(ComparisonFolder folder, CompareSettings settings, FamilyRecipes recipes, TrainingData data,
        Device device, Comparison.Listener listener, AtomicBoolean stop) {

    boolean stopped() {
        return stop.get();
    }
}

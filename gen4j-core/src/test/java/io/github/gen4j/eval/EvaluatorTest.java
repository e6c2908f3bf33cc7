package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole suite with the shipped network on the embedded Fashion-MNIST split (9,000 train, 1,000 test). */
class EvaluatorTest {

    static FeatureNetwork net;
    static Evaluator ev;
    static TrainingData data;

    @BeforeAll
    static void prepare() {
        data = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 0, 1);
        net = FeatureNetwork.shipped(Device.cpu());
        ev = new Evaluator(net, data.train(), data.heldOut(), EvalOptions.defaults().withReferenceN(3000)
                .withKid(10, 500), null);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    static double metric(EvalReport r, String name) {
        Double v = r.metrics().get(name);
        assertTrue(v != null, name + " missing from " + r.metrics().keySet());
        return v;
    }

    @Test
    void blurringRealImagesLowersSharpnessAndRaisesFid() {
        ImageDataset real = data.heldOut().head(500);
        EvalReport floor = ev.evaluate(real, null, "test");
        EvalReport blurred = ev.evaluate(Perturbations.blur(real, 1.0), null, "blurred");
        assertTrue(metric(blurred, "sharpness_ratio") < 0.6 * metric(floor, "sharpness_ratio"),
                floor.metrics() + " vs " + blurred.metrics());
        assertTrue(metric(blurred, "fid_fmnistcnn") > 2 * metric(floor, "fid_fmnistcnn"),
                floor.metrics() + " vs " + blurred.metrics());
        assertTrue(metric(floor, "precision_fmnistcnn") > 0.5 && metric(floor, "recall_fmnistcnn") > 0.5,
                floor.metrics().toString());
        assertEquals(10, metric(floor, "classes_covered_fmnistcnn"));
        assertEquals(500, floor.sampleCount());
        assertEquals(3000, floor.referenceCount());
        assertTrue(floor.table().contains("fid_fmnistcnn"), floor.table());
    }

    @Test
    void aSetOfOneRepeatedClassCoversOneClassOfTen() {
        ImageDataset trousers = Perturbations.onlyClass(data.heldOut(), 1);
        EvalReport r = ev.evaluate(trousers, null, "trousers");
        assertEquals(1, metric(r, "classes_covered_fmnistcnn"), r.details().toString());
        assertTrue(metric(r, "class_kl_fmnistcnn") > 1.5, r.metrics().toString());
        assertTrue(metric(r, "recall_fmnistcnn") < 0.3, r.metrics().toString());
        int[] asked = new int[trousers.size()];
        java.util.Arrays.fill(asked, 1);
        assertTrue(metric(ev.evaluate(trousers, asked, "asked"), "conditional_accuracy_fmnistcnn") > 0.9);
    }

    @Test
    void memorizationFlagsExactTrainingCopies() {
        ImageDataset copies = data.train().head(100);
        ImageDataset fresh = data.heldOut().head(100);
        EvalReport c = ev.evaluate(copies, null, "copies");
        EvalReport f = ev.evaluate(fresh, null, "new");
        assertEquals(100, metric(c, "exact_copies"));
        assertEquals(1.0, metric(c, "copies_fmnistcnn"), 0);
        assertTrue(metric(c, "nn_ratio_fmnistcnn") < 0.05, c.metrics().toString());
        assertEquals(0, metric(f, "exact_copies"));
        assertTrue(metric(f, "copies_fmnistcnn") < 0.1, f.metrics().toString());
        assertTrue(metric(f, "nn_ratio_fmnistcnn") > 0.7, f.metrics().toString());
    }
}

package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.gen4j.data.DatasetLocator;
import io.github.gen4j.data.FashionMnist;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.LocatedData;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.CheckpointException;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureNetworkTest {

    /**
     * The shipped network reaches the accuracy its header states: exactly (same images, deterministic
     * network) on the full Fashion-MNIST test split where it is installed, and within sampling error on the
     * 1,000 held-out images embedded in the jar otherwise.
     */
    @Test
    void shippedClassifierReachesItsStatedTestAccuracy() {
        try (FeatureNetwork net = FeatureNetwork.shipped(Device.cpu())) {
            assertEquals(FeatureNetwork.SHIPPED_NAME, net.name());
            double stated = net.info().path("testAccuracy").asDouble();
            // the header's figure was measured on the 10,000 test images when the network was exported
            assertTrue(stated >= 0.92 && net.info().path("testImages").asInt() == 10_000, "stated accuracy " + stated);
            LocatedData loc = DatasetLocator.locate(null, Map.of());
            ImageDataset test = FashionMnist.test(loc);
            double acc = net.accuracy(test, 500);
            if (loc.source() != LocatedData.Source.EMBEDDED && test.size() == net.info().path("testImages").asInt()) {
                assertEquals(stated, acc, 1e-3, "full test split");
            } else {
                // 1,000 images: binomial standard error ~0.009
                assertTrue(acc >= stated - 0.03, "embedded held-out accuracy " + acc + " vs stated " + stated);
            }
        }
    }

    @Test
    void shippedNetworkIsSmall() throws IOException {
        try (var in = FeatureNetwork.class.getResourceAsStream(FeatureNetwork.SHIPPED_RESOURCE)) {
            long size = in.readAllBytes().length;
            assertTrue(size < 5_000_000, "the shipped network is " + size + " bytes");
        }
    }

    @Test
    void savedNetworkLoadsWithIdenticalFeatures(@TempDir Path tmp) throws IOException {
        ImageDataset d = TestImages.shapes(20, 1, 16, 2);
        Path file = tmp.resolve("net.g4jnet");
        Features before;
        try (FeatureNetwork net = FeatureNetwork.random(1, 16, 5, Device.cpu())) {
            assertEquals("randcnn", net.name());
            before = net.extract(d, 8, null);
            net.save(file);
        }
        try (FeatureNetwork net = FeatureNetwork.load(file, Device.cpu())) {
            Features after = net.extract(d, 7, null);
            // batch sizes differ (8 vs 7), so float rounding in the convolutions may differ slightly
            assertArrayEquals(before.embeddings(), after.embeddings(), 1e-5f);
            assertTrue(net.info().path("fallback").asText().contains("random"));
        }
        Files.writeString(tmp.resolve("bad.g4jnet"), "not a network");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FeatureNetwork.load(tmp.resolve("bad.g4jnet"), Device.cpu()));
        assertTrue(e.getMessage().startsWith(tmp.resolve("bad.g4jnet").toString()), e.getMessage());
    }

    @Test
    void classifierTrainedByTheTrainingCoreLearnsAndExports(@TempDir Path tmp) throws IOException {
        ImageDataset train = TestImages.shapes(512, 1, 16, 3);
        ImageDataset test = TestImages.shapes(200, 1, 16, 4);
        ClassifierTask task = new ClassifierTask(new ClassifierConfig(1, 16, List.of(8, 16), true, 32, 3, 0.1));
        TrainConfig t = TrainConfig.builder().steps(60).batchSize(32).lr(3e-3).warmupSteps(5).cosine(false).emaDecay(0.9)
                .logEvery(10).keepCheckpoints(1).seed(1).build();
        RunConfig rc = new RunConfig("test", "classifier", Json.tree(task.config()), t,
                RunConfig.DataInfo.of("shapes", "shapes", train, test));
        new Trainer(task, train, test, rc, new RunDir(tmp), Device.cpu()).fit(false);
        try (FeatureNetwork net = FeatureNetwork.fromRun(tmp, "shapescnn", train.classNames(),
                Json.MAPPER.createObjectNode(), Device.cpu())) {
            double acc = net.accuracy(test, 64);
            assertTrue(acc > 0.9, "accuracy on held-out shapes " + acc);
            net.save(tmp.resolve(FeatureNetwork.FILE_NAME));
        }
        try (FeatureNetwork back = FeatureNetwork.load(tmp, Device.cpu())) {
            assertEquals("shapescnn", back.name());
            assertEquals(List.of("square", "ring", "bar"), back.classNames());
            assertEquals(32, back.extract(test, 50, null).dim());
        }
    }

    @Test
    void resolveChecksTheInputShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureNetwork.resolve(null, 1, 28, 20, Device.cpu(), s -> { }));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
        StringBuilder note = new StringBuilder();
        try (FeatureNetwork net = FeatureNetwork.resolve(null, 3, 16, 16, Device.cpu(), note::append)) {
            assertEquals("randcnn", net.name());
            assertTrue(note.toString().contains("falling back"), note.toString());
        }
    }
}

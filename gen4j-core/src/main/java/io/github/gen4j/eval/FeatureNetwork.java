package io.github.gen4j.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.io.DataException;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.CheckpointException;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A trained (or, for unlabelled data, randomly initialized) {@link ClassifierNet} with its name, ready to
 * embed and classify images. Files are {@link Checkpoint}s holding only the weights ({@code
 * net/classifier/...}) and a header with {@code format = "gen4j-feature-network"}, the name, the config,
 * the class names and the measured test accuracy.
 *
 * <p>gen4j ships one inside the jar: {@value #SHIPPED_NAME}, trained on the Fashion-MNIST training split
 * by {@code gen4j train classifier} (see {@link #shipped}).
 */
public final class FeatureNetwork implements AutoCloseable {

    public static final String FORMAT = "gen4j-feature-network";
    /** File name of the exported network in a classifier run folder. */
    public static final String FILE_NAME = "feature-network.g4jnet";
    public static final String SHIPPED_NAME = "fmnistcnn";
    static final String SHIPPED_RESOURCE = "/io/github/gen4j/eval/" + SHIPPED_NAME + ".g4jnet";

    private final String name;
    private final ClassifierConfig cfg;
    private final List<String> classNames;
    private final JsonNode info;
    private final String source;
    private final NDManager manager;
    private final ClassifierNet net;

    private FeatureNetwork(String name, ClassifierConfig cfg, List<String> classNames, JsonNode info, String source,
            NDManager manager, ClassifierNet net) {
        this.name = name;
        this.cfg = cfg;
        this.classNames = List.copyOf(classNames);
        this.info = info;
        this.source = source;
        this.manager = manager;
        this.net = net;
    }

    /** The Fashion-MNIST network shipped inside the jar (1x28x28 inputs, 10 classes). */
    public static FeatureNetwork shipped(Device device) {
        try (InputStream in = FeatureNetwork.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new DataException(SHIPPED_RESOURCE + ": the shipped feature network is missing from the jar");
            }
            Path tmp = Files.createTempFile("gen4j-" + SHIPPED_NAME, ".g4jnet");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return read(tmp, "shipped " + SHIPPED_NAME + " (inside the gen4j jar)", device);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(SHIPPED_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads an exported network: a {@value #FILE_NAME} file, or a classifier run folder holding one.
     *
     * @throws CheckpointException naming the file if it is not a gen4j feature network
     */
    public static FeatureNetwork load(Path fileOrRun, Device device) {
        Path file = Files.isDirectory(fileOrRun) ? fileOrRun.resolve(FILE_NAME) : fileOrRun;
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(fileOrRun + ": no feature network found (expected a " + FILE_NAME
                    + " file or a run folder of 'gen4j train classifier' holding one)");
        }
        return read(file, file.toString(), device);
    }

    private static FeatureNetwork read(Path file, String source, Device device) {
        NDManager root = NDManager.newBaseManager(device);
        try {
            Checkpoint c;
            try (NDManager tmp = root.newSubManager()) {
                c = Checkpoint.read(file, tmp);
                JsonNode h = c.header();
                if (!FORMAT.equals(h.path("format").asText())) {
                    throw new CheckpointException(file + ": not a gen4j feature network (format '"
                            + h.path("format").asText() + "', expected '" + FORMAT + "')");
                }
                ClassifierConfig cfg = Json.convert(h.path("config"), ClassifierConfig.class);
                List<String> names = new ArrayList<>();
                h.path("classNames").forEach(n -> names.add(n.asText()));
                ClassifierNet net = new ClassifierNet(cfg);
                net.initialize(root);
                copyWeights(c.arrays(), "net/" + ClassifierTask.NETWORK + "/", net, file.toString());
                return new FeatureNetwork(h.path("name").asText(), cfg, names, h, source, root, net);
            }
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Copies {@code prefix + PARAM} arrays into the network's parameters, checking every shape. */
    static void copyWeights(Map<String, NDArray> arrays, String prefix, ClassifierNet net, String source) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = arrays.get(prefix + p.getKey());
            NDArray w = p.getValue().getArray();
            if (a == null) {
                throw new CheckpointException(source + ": missing array '" + prefix + p.getKey() + "'");
            }
            if (!a.getShape().equals(w.getShape())) {
                throw new CheckpointException(source + ": array '" + prefix + p.getKey() + "' has shape "
                        + a.getShape() + " but the network expects " + w.getShape());
            }
            a.copyTo(w);
        }
    }

    /**
     * The network of a classifier run folder (its config and newest checkpoint, EMA weights where kept),
     * named {@code name}; {@code info} holds measured facts (test accuracy, data) for the header.
     */
    public static FeatureNetwork fromRun(Path runFolder, String name, List<String> classNames, ObjectNode info,
            Device device) {
        RunDir run = RunDir.open(runFolder);
        RunConfig rc = run.readConfig();
        if (!"classifier".equals(rc.family())) {
            throw new CheckpointException(runFolder + ": a " + rc.family() + " run, not a classifier run");
        }
        Path ckpt = run.checkpoints().latest().orElseThrow(
                () -> new CheckpointException(runFolder + ": the run has no checkpoint yet"));
        ClassifierConfig cfg = Json.convert(rc.model(), ClassifierConfig.class);
        NDManager root = NDManager.newBaseManager(device);
        try (NDManager tmp = root.newSubManager()) {
            Checkpoint c = Checkpoint.read(ckpt, tmp);
            String ema = "ema/" + ClassifierTask.NETWORK + "/";
            boolean hasEma = c.arrays().keySet().stream().anyMatch(k -> k.startsWith(ema));
            ClassifierNet net = new ClassifierNet(cfg);
            net.initialize(root);
            copyWeights(c.arrays(), hasEma ? ema : "net/" + ClassifierTask.NETWORK + "/", net, ckpt.toString());
            info.put("checkpoint", ckpt.toString());
            info.put("weights", hasEma ? "EMA" : "raw");
            return new FeatureNetwork(checkName(name), cfg, classNames, info, ckpt.toString(), root, net);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * The fallback for data without labels: the same architecture, randomly initialized from {@code seed}
     * and never trained, without a classification head. Random convolutional embeddings keep much of the
     * structure of images and are the documented fallback for distribution metrics without a trained
     * network (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics", Sec. 5); class-based metrics
     * are unavailable with it. Named "randcnn".
     */
    public static FeatureNetwork random(int channels, int imageSize, long seed, Device device) {
        ClassifierConfig cfg = ClassifierConfig.defaults(channels, imageSize, 0);
        NDManager root = NDManager.newBaseManager(device);
        Gen4j.engine().setRandomSeed((int) (seed & 0x7FFFFFFF));
        ClassifierNet net = new ClassifierNet(cfg);
        net.initialize(root);
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("fallback", "randomly initialized, untrained CNN (seed " + seed + "): no labels to train on");
        return new FeatureNetwork("randcnn", cfg, List.of(), info, "random initialization, seed " + seed, root, net);
    }

    /**
     * The feature network for data of shape C x H x W: the file or run folder {@code features} if given;
     * otherwise the shipped {@value #SHIPPED_NAME} for 1x28x28 images; otherwise the {@link #random}
     * fallback (seed 0), with a line saying so sent to {@code note}.
     */
    public static FeatureNetwork resolve(Path features, int channels, int height, int width, Device device,
            java.util.function.Consumer<String> note) {
        FeatureNetwork net;
        if (features != null) {
            net = load(features, device);
        } else if (channels == 1 && height == 28 && width == 28) {
            net = shipped(device);
        } else if (height != width) {
            throw new IllegalArgumentException("the images are " + height + "x" + width + "; the feature network needs"
                    + " square images (use --image-size)");
        } else {
            note.accept("feature network: no --features given and the shipped " + SHIPPED_NAME + " takes 1x28x28"
                    + " images, these are " + channels + "x" + height + "x" + width + "; falling back to a random CNN"
                    + " (randcnn, seed 0). Train one on labelled data with 'gen4j train classifier --data ...'.");
            return random(channels, height, 0, device);
        }
        ClassifierConfig c = net.config();
        if (c.channels() != channels || c.imageSize() != height || c.imageSize() != width) {
            String n = net.name();
            net.close();
            throw new IllegalArgumentException("--features: the network '" + n + "' takes " + c.channels() + "x"
                    + c.imageSize() + "x" + c.imageSize() + " images, the data is " + channels + "x" + height + "x"
                    + width);
        }
        return net;
    }

    /** Names go into metric names: lower-case letters and digits only. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("--name: '" + name + "' must be lower-case letters and digits only");
        }
        return name;
    }

    /** Writes the weights and a header (name, config, class names, {@code info}) atomically to {@code file}. */
    public void save(Path file) throws IOException {
        ObjectNode h = info instanceof ObjectNode o ? o.deepCopy() : Json.MAPPER.createObjectNode();
        h.put("format", FORMAT);
        h.put("gen4jVersion", Gen4j.VERSION);
        h.put("name", name);
        h.set("config", Json.tree(cfg));
        h.set("classNames", Json.tree(classNames));
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = new NDList();
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray c = p.getValue().getArray().duplicate();
                c.attach(tmp);
                c.setName("net/" + ClassifierTask.NETWORK + "/" + p.getKey());
                list.add(c);
            }
            Checkpoint.write(file, h, list);
        }
    }

    public String name() {
        return name;
    }

    public ClassifierConfig config() {
        return cfg;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return cfg.numClasses();
    }

    /** Header facts: "testAccuracy", "testImages", "trainData", "fallback", ... (may be empty). */
    public JsonNode info() {
        return info;
    }

    /** Where the weights came from (file path, "shipped ...", ...). */
    public String source() {
        return source;
    }

    /**
     * Embeds (and classifies, if the network has a head) {@code data}, batch by batch.
     *
     * @throws IllegalArgumentException if the images' shape is not the network's input shape
     */
    public Features extract(ImageDataset data, int batchSize, IntConsumer progress) {
        if (data.channels() != cfg.channels() || data.height() != cfg.imageSize() || data.width() != cfg.imageSize()) {
            throw new IllegalArgumentException(data.name() + ": images are " + data.channels() + "x" + data.height()
                    + "x" + data.width() + " but the feature network '" + name + "' takes " + cfg.channels() + "x"
                    + cfg.imageSize() + "x" + cfg.imageSize());
        }
        int n = data.size();
        int e = cfg.embedDim();
        float[] emb = new float[n * e];
        int[] pred = cfg.numClasses() > 0 ? new int[n] : null;
        for (int from = 0; from < n; from += batchSize) {
            try (NDManager m = manager.newSubManager()) {
                Batch b = Batcher.range(data, from, batchSize, m);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray z = net.embed(ps, b.pixels(), false);
                float[] zf = z.toFloatArray();
                System.arraycopy(zf, 0, emb, from * e, zf.length);
                if (pred != null) {
                    int[] p = net.logits(ps, z, false).argMax(1).toType(DataType.INT32, false).toIntArray();
                    System.arraycopy(p, 0, pred, from, p.length);
                }
            }
            if (progress != null) {
                progress.accept(Math.min(n, from + batchSize));
            }
        }
        return new Features(name, n, e, emb, pred, cfg.numClasses());
    }

    /** Fraction of {@code data}'s images whose predicted class is their label. */
    public double accuracy(ImageDataset data, int batchSize) {
        if (!data.hasLabels() || cfg.numClasses() == 0) {
            throw new IllegalArgumentException("accuracy needs labelled data and a network with a head");
        }
        int[] p = extract(data, batchSize, null).predicted();
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == data.label(i) ? 1 : 0;
        }
        return (double) right / p.length;
    }

    @Override
    public void close() {
        manager.close();
    }
}

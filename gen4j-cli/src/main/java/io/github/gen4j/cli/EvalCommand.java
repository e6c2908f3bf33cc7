package io.github.gen4j.cli;

import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.diffusion.sampler.Samplers;
import io.github.gen4j.eval.EvalOptions;
import io.github.gen4j.eval.EvalReport;
import io.github.gen4j.eval.Evaluator;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.eval.RunEvaluator;
import io.github.gen4j.eval.SampleSets;
import io.github.gen4j.eval.SanityCheck;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.Interpolation;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.latent.Smoothness;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gen4j eval}: a run's likelihood bounds and sample metrics, external samples' metrics, or the
 * sanity table of real images. Writes JSON (atomically) and prints a table; the work is in {@code eval}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained model (RUN), samples from any tool (--samples), or real images (--sanity).",
            "Metrics: FID, KID, precision/recall, density/coverage, mode coverage, memorization, sharpness; for a RUN",
            "also likelihood bounds on held-out images and sampling speed. Writes JSON (RUN/eval.json by default)."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "A run folder (runs/vae-...).")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Use this checkpoint instead of the newest.")
    Path checkpoint;

    @Option(names = "--samples", paramLabel = "FILE.npy|DIR",
            description = "Evaluate these samples: uint8 or [0,1] float32 .npy (N,C,H,W | N,H,W,C | N,H,W), or a folder of images.")
    Path samples;

    @Option(names = "--labels", paramLabel = "FILE.npy", description = "With --samples: uint8 (N) classes the samples were asked for.")
    Path labels;

    @Option(names = "--sanity", description = "The sanity table: real test images, blurred, noisy, one class, against the training images.")
    boolean sanity;

    @Option(names = "--sanity-class", defaultValue = "0", description = "Class of the one-class set of --sanity (default: ${DEFAULT-VALUE}).")
    int sanityClass;

    @Option(names = {"--dataset", "--data"}, paramLabel = "PATH",
            description = "Real data (default: the run's; else $GEN4J_DATA, the Debian package, the embedded split).")
    String dataset;

    @Option(names = "--features", paramLabel = "FILE|RUN",
            description = "Feature network from 'gen4j train classifier' (default: the shipped fmnistcnn for 1x28x28 data).")
    Path features;

    @Option(names = "--num-samples", defaultValue = "10000",
            description = "Samples to draw from RUN, or to use from --samples (0 = all); --sanity: images per set (default: ${DEFAULT-VALUE}).")
    int numSamples;

    @Option(names = "--reference-n", defaultValue = "10000", description = "Real images the distribution metrics compare with (default: ${DEFAULT-VALUE}).")
    int referenceN;

    @Option(names = "--reference", defaultValue = "train", paramLabel = "train|test",
            description = "Which real images the distribution metrics compare with: training images, or held-out "
                    + "test images never trained on (as compare does) (default: ${DEFAULT-VALUE}).")
    String referenceSet;

    @Option(names = "--kid-subsets", defaultValue = "100", description = "KID subsets (default: ${DEFAULT-VALUE}).")
    int kidSubsets;

    @Option(names = "--kid-subset-size", defaultValue = "1000", description = "KID subset size (default: ${DEFAULT-VALUE}).")
    int kidSubsetSize;

    @Option(names = {"-n", "--n"}, defaultValue = "0", description = "Held-out images for the likelihood (0 = all).")
    int n;

    @Option(names = "--iwae-k", defaultValue = "100", description = "Importance samples per image for the IWAE bound; for diffusion, timesteps per image of the "
                    + "variational bound (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--batch-size", defaultValue = "25", description = "Images per likelihood pass (each uses k decoder evaluations; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin SamplerOptions sampling;

    @Option(names = "--no-likelihood", description = "Skip the likelihood bounds.")
    boolean noLikelihood;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.json", description = "Where to write the JSON result.")
    Path out;

    @Option(names = "--smoothness-pairs", defaultValue = "16", paramLabel = "N",
            description = "RUN: latent smoothness over N interpolation pairs (0 = skip; skipped with --num-samples 0; default: ${DEFAULT-VALUE}).")
    int smoothnessPairs;

    @Option(names = "--smoothness-steps", defaultValue = "8", paramLabel = "S",
            description = "Frames per interpolation of the smoothness measure (default: ${DEFAULT-VALUE}).")
    int smoothnessSteps;

    @Option(names = "--smoothness-endpoints", defaultValue = "seeds", paramLabel = "seeds|images",
            description = "Interpolate between prior latents of seeds or encoded held-out images (default: ${DEFAULT-VALUE}).")
    String smoothnessEndpoints;

    @Option(names = "--ddim-steps", defaultValue = "50", paramLabel = "N",
            description = "Diffusion: DDIM steps of the smoothness interpolations (default: ${DEFAULT-VALUE}).")
    int ddimSteps;

    @Mixin CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int modes = (run != null ? 1 : 0) + (samples != null ? 1 : 0) + (sanity ? 1 : 0);
        if (modes != 1) {
            throw usage("give exactly one of RUN, --samples FILE.npy|DIR or --sanity");
        }
        if (k <= 0 || batchSize <= 0 || n < 0 || numSamples < 0 || referenceN < 2 || kidSubsets < 1 || kidSubsetSize < 2) {
            throw usage("--iwae-k, --batch-size, --kid-subsets must be > 0, --n, --num-samples >= 0, --reference-n,"
                    + " --kid-subset-size >= 2");
        }
        sampling.validated(spec.commandLine());
        if (smoothnessPairs < 0 || smoothnessSteps < 3 || ddimSteps < 1
                || !(smoothnessEndpoints.equals("seeds") || smoothnessEndpoints.equals("images"))) {
            throw usage("--smoothness-pairs must be >= 0, --smoothness-steps >= 3, --ddim-steps >= 1, "
                    + "--smoothness-endpoints seeds or images");
        }
        if (!referenceSet.equals("train") && !referenceSet.equals("test")) {
            throw usage("--reference: expected train or test, got '" + referenceSet + "'");
        }
        if (labels != null && samples == null) {
            throw usage("--labels goes with --samples");
        }
        EvalOptions opts = EvalOptions.defaults().withReferenceN(referenceN).withKid(kidSubsets, kidSubsetSize)
                .withSeed(common.seed);
        if (run != null) {
            return evalRun(opts);
        }
        return samples != null ? evalSamples(opts) : evalSanity(opts);
    }

    private int evalRun(EvalOptions opts) {
        PrintWriter pw = spec.commandLine().getOut();
        Map<String, Object> result = new LinkedHashMap<>();
        try (LoadedRun model = Runs.load(run, checkpoint, common.device())) {
            TrainingData td = RunData.of(model.config(), dataset);
            ImageDataset test = td.heldOut();
            if (test.size() == 0) {
                throw new IllegalArgumentException("the run's data has no held-out images to evaluate on");
            }
            result.put("run", run.toString());
            result.put("family", model.config().family());
            result.put("checkpoint", model.checkpoint().getFileName().toString());
            result.put("step", model.step());
            result.put("parameters", model.parameterCount());
            result.put("heldOut", test.toString());
            var d = model.config().data();
            RunEvaluator evaluator = new RunEvaluator(model.task(), model.manager(), d.channels(), d.height(),
                    d.width());
            RunEvaluator.Options options = new RunEvaluator.Options(numSamples,
                    SampleOptions.defaults().withSampler(sampling.sampler, sampling.steps), n, k, batchSize,
                    common.seed);
            if (noLikelihood) {
                result.put("likelihood", "skipped (--no-likelihood)");
            } else if (evaluator.hasLikelihood()) {
                RunEvaluator.Likelihood l;
                try (ProgressBar bar = bar("likelihood", n <= 0 ? test.size() : Math.min(n, test.size()))) {
                    l = evaluator.likelihood(test, options, bar::stepTo);
                }
                result.put("likelihood", l.bounds());
                result.put("likelihoodSeconds", l.seconds());
                pw.printf("likelihood on %d held-out images (%s):%n", l.images(), test.name());
                l.bounds().forEach((key, v) -> pw.printf("  %-12s %.4f%n", key, v));
            } else {
                pw.println("likelihood: not defined for a " + model.config().family() + " model");
                result.put("likelihood", "not defined for a " + model.config().family() + " model");
            }
            if (numSamples > 0) {
                Evaluator.requireEnough(numSamples, opts);
                if (sampling.sampler != null || sampling.steps > 0) {
                    result.put("sampler", Map.of("name", Samplers.canonical(sampling.sampler), "steps",
                            sampling.steps));
                }
                String what = numSamples + " samples of " + run + " (" + model.config().family() + ", step "
                        + model.step() + (model.generator().numClasses() > 0 ? ", classes in equal shares" : "") + ")";
                RunEvaluator.Samples drawn = sampleMetrics(evaluator, options, td, what, opts, pw);
                Map<String, Double> speed = new LinkedHashMap<>();
                speed.put("sample_ms_per_image", drawn.generated().msPerImage());
                speed.put("images_per_s", drawn.generated().imagesPerSecond());
                result.put("speed", speed);
                result.put("samples", drawn.report());
                if (smoothnessPairs > 0) {
                    result.put("smoothness", smoothness(model, td, pw));
                }
            }
        }
        write(out != null ? out : run.resolve("eval.json"), result, pw);
        return 0;
    }

    /**
     * Draws the run's samples and measures them as {@link #metrics} measures a sample set (the printed metrics
     * time leaves out the sampling, which is reported as the speed).
     */
    private RunEvaluator.Samples sampleMetrics(RunEvaluator evaluator, RunEvaluator.Options options,
            TrainingData td, String what, EvalOptions opts, PrintWriter pw) {
        try (FeatureNetwork net = network(td)) {
            long t0 = System.nanoTime();
            Evaluator ev = new Evaluator(net, td.train(), td.heldOut(), referenceSet.equals("test"), opts, pw::println);
            RunEvaluator.Samples s;
            try (ProgressBar bar = bar("sampling", numSamples)) {
                s = evaluator.samples(ev, options, what, bar::stepTo);
            }
            SampleSets.Generated g = s.generated();
            pw.printf("sampling: %.3f ms/image (%.0f images/s)%n", g.msPerImage(), g.imagesPerSecond());
            printed(s.report(), ev, t0 + Math.round(g.msPerImage() * 1e6 * g.images().size()), pw);
            return s;
        }
    }

    private int evalSamples(EvalOptions opts) {
        PrintWriter pw = spec.commandLine().getOut();
        TrainingData td = realData();
        ImageDataset real = td.train();
        ImageDataset s = Files.isDirectory(samples) ? SampleSets.fromFolder(samples, real.channels(), real.height())
                : SampleSets.fromNpy(samples);
        if (s.channels() != real.channels() || s.height() != real.height() || s.width() != real.width()) {
            throw new IllegalArgumentException("--samples: images are " + s.channels() + "x" + s.height() + "x"
                    + s.width() + " but the data (" + real.name() + ") is " + real.channels() + "x" + real.height()
                    + "x" + real.width());
        }
        int[] requested = labels == null ? null : SampleSets.labelsFromNpy(labels, s.size(), Math.max(1, real.numClasses()));
        if (numSamples > 0 && numSamples < s.size()) {
            s = s.head(numSamples);
            requested = requested == null ? null : java.util.Arrays.copyOf(requested, numSamples);
        }
        Evaluator.requireEnough(s.size(), opts); // before the training images' features, not after
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samplesFile", samples.toString());
        result.put("samples", metrics(td, s, requested, s.size() + " " + s.name(), opts, pw));
        Path target = out != null ? out : samples.resolveSibling(samples.getFileName() + ".eval.json");
        write(target, result, pw);
        return 0;
    }

    private int evalSanity(EvalOptions opts) {
        PrintWriter pw = spec.commandLine().getOut();
        TrainingData td = realData();
        if (td.heldOut().hasLabels() && (sanityClass < 0 || sanityClass >= td.heldOut().numClasses())) {
            throw usage("--sanity-class " + sanityClass + ": the data has " + td.heldOut().numClasses() + " classes");
        }
        int per = numSamples == 0 ? td.heldOut().size() : numSamples;
        try (FeatureNetwork net = network(td)) {
            long t0 = System.nanoTime();
            Evaluator ev = new Evaluator(net, td.train(), td.heldOut(), opts, pw::println);
            SanityCheck.Result r = SanityCheck.run(ev, td.heldOut(), per, sanityClass, common.seed);
            pw.println("feature network: " + ev.networkInfo());
            pw.println("reference: " + r.reports().get(0).referenceCount() + " training images; " + per
                    + " images per set (fewer for one class)");
            pw.print(r.table());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sets", r.byName());
            result.put("prepareSeconds", ev.prepareSeconds());
            result.put("totalSeconds", (System.nanoTime() - t0) / 1e9);
            write(out != null ? out : Path.of("eval-sanity.json"), result, pw);
        }
        return 0;
    }

    /** Metrics of one sample set against {@code td}, printed as a table; returns the report. */
    private EvalReport metrics(TrainingData td, ImageDataset s, int[] requested, String what, EvalOptions opts,
            PrintWriter pw) {
        try (FeatureNetwork net = network(td)) {
            long t0 = System.nanoTime();
            Evaluator ev = new Evaluator(net, td.train(), td.heldOut(), referenceSet.equals("test"), opts, pw::println);
            return printed(ev.evaluate(s, requested, what), ev, t0, pw);
        }
    }

    /** {@code r} with the evaluator's preparation and the total time since {@code t0}, printed as a table. */
    private static EvalReport printed(EvalReport r, Evaluator ev, long t0, PrintWriter pw) {
        r.seconds().putAll(prefixed(ev.prepareSeconds()));
        r.seconds().put("total", (System.nanoTime() - t0) / 1e9);
        pw.print(r.table());
        pw.printf("metrics computed in %.1f s%n", r.seconds().get("total"));
        return r;
    }

    /** The latent smoothness measure (see {@link Smoothness}), printed as three table lines. */
    private Map<String, Object> smoothness(LoadedRun model, TrainingData td, PrintWriter pw) {
        LatentSpace space = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults().withDdimSteps(ddimSteps));
        try (FeatureNetwork net = network(td)) {
            Smoothness.Result r = smoothnessEndpoints.equals("seeds")
                    ? Smoothness.measureSeeds(space, model.manager(), net, smoothnessPairs, smoothnessSteps,
                            Interpolation.SLERP, common.seed)
                    : Smoothness.measureImages(space, model.manager(), net, td.heldOut(), smoothnessPairs,
                            smoothnessSteps, Interpolation.SLERP);
            pw.printf("latent smoothness: %d slerp interpolations between %s, %d frames, %s latent (%.1f s)%n",
                    r.pairs(), r.endpoints(), r.steps(), space.family(), r.seconds());
            pw.print(r.table());
            return r.toMap();
        }
    }

    private FeatureNetwork network(TrainingData td) {
        ImageDataset t = td.train();
        return FeatureNetwork.resolve(features, t.channels(), t.height(), t.width(), common.device(),
                spec.commandLine().getErr()::println);
    }

    private TrainingData realData() {
        TrainingData td = TrainingData.resolve(dataset, System.getenv(), new ImageFolderOptions(0, 0,
                ImageFolderOptions.OnBadFile.SKIP, msg -> System.err.println("warning: " + msg)), 0, common.seed);
        spec.commandLine().getOut().println(td.note());
        return td;
    }

    private static Map<String, Double> prefixed(Map<String, Double> m) {
        Map<String, Double> p = new LinkedHashMap<>();
        m.forEach((key, v) -> p.put("prepare_" + key, v));
        return p;
    }

    private static void write(Path file, Map<String, Object> result, PrintWriter pw) {
        Json.write(file, result);
        pw.println("written: " + file);
    }

    private static ProgressBar bar(String task, int max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).build();
    }

    private CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }
}

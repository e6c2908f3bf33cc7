import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Does the channels-last memory layout make DJL's (PyTorch 2.7.1's) convolutions faster on this CPU? The
 * Glow's training step is 87% convolutions, which cost 1.33x the reference's in operator time
 * (bench/results/profiles.md); oneDNN's native layout is NHWC, and PyTorch runs a convolution in NHWC when
 * its input or weight has channels-last strides. DJL has no memory-format API, so the layout is made with
 * a permuted copy: {@code x.transpose(0,2,3,1)} (a view), reshaped to 2-d (which copies, differentiably, in
 * NHWC order), reshaped back and transposed to NCHW again: an NCHW-shaped tensor with channels-last strides.
 *
 * <p>It trains one Glow coupling network (conv 3x3 cin -> hidden, ReLU, conv 1x1, ReLU, conv 3x3 hidden ->
 * 2 cin; the default Glow's first level is 14x14, cin 2, hidden 128) forward and backward at batch 128,
 * alternating the layouts in rounds of {@code steps} steps inside one process, so that the machine's drift
 * hits every layout alike, and prints each layout's median ms/step over the rounds after the first:
 * {@code nchw} (DJL's default), {@code w} (weights channels-last), {@code wx} (weights and inputs).
 *
 * <pre>
 *   java -Dai.djl.offline=true -cp gen4j-cli/target/gen4j.jar bench/tools/ConvChannelsLast.java \
 *       nchw,w,wx 10 14 2 128          # layouts, steps per round, size, input channels, hidden width
 * </pre>
 */
public class ConvChannelsLast {

    private static final int ROUNDS = 8;
    private static final int BATCH = 128;

    /** The same values in an NCHW-shaped tensor with channels-last strides (a differentiable copy). */
    static NDArray channelsLast(NDArray t) {
        Shape s = t.getShape();
        return t.transpose(0, 2, 3, 1).reshape(s.get(0), -1).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                .transpose(0, 3, 1, 2);
    }

    static NDArray conv(NDArray x, NDArray w, NDArray b, int pad, String layout) {
        NDArray in = layout.contains("x") ? channelsLast(x) : x;
        NDArray weight = layout.contains("w") ? channelsLast(w) : w;
        return Conv2d.conv2d(in, weight, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    static NDArray param(NDManager m, Shape shape) {
        NDArray p = m.randomNormal(0f, 0.05f, shape, DataType.FLOAT32);
        p.setRequiresGradient(true);
        return p;
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: ConvChannelsLast LAYOUTS(nchw,w,wx) STEPS SIZE CIN HIDDEN");
            System.exit(2);
        }
        String[] layouts = args[0].split(",");
        int steps = Integer.parseInt(args[1]);
        int hw = Integer.parseInt(args[2]);
        int cin = Integer.parseInt(args[3]);
        int hidden = Integer.parseInt(args[4]);
        Map<String, List<Double>> msPerStep = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w1 = param(m, new Shape(hidden, cin, 3, 3));
            NDArray w2 = param(m, new Shape(hidden, hidden, 1, 1));
            NDArray w3 = param(m, new Shape(2 * cin, hidden, 3, 3));
            NDArray b1 = param(m, new Shape(hidden));
            NDArray b2 = param(m, new Shape(hidden));
            NDArray b3 = param(m, new Shape(2 * cin));
            NDArray[] params = {w1, w2, w3, b1, b2, b3};
            for (int round = 0; round < ROUNDS; round++) {
                for (String layout : layouts) {
                    long t0 = 0;
                    for (int s = 0; s < steps + 2; s++) {
                        if (s == 2) {
                            t0 = System.nanoTime();
                        }
                        try (NDManager sm = m.newSubManager();
                                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray x = sm.randomNormal(new Shape(BATCH, cin, hw, hw));
                            NDArray h = conv(x, w1, b1, 1, layout).getNDArrayInternal().relu();
                            h = conv(h, w2, b2, 0, layout).getNDArrayInternal().relu();
                            h = conv(h, w3, b3, 1, layout);
                            gc.backward(h.square().mean());
                        }
                        for (NDArray p : params) {
                            p.getGradient().subi(p.getGradient());
                        }
                    }
                    double ms = (System.nanoTime() - t0) / 1e6 / steps;
                    if (round > 0) {
                        msPerStep.computeIfAbsent(layout, k -> new ArrayList<>()).add(ms);
                    }
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : msPerStep.entrySet()) {
            List<Double> l = new ArrayList<>(e.getValue());
            Collections.sort(l);
            StringBuilder all = new StringBuilder();
            for (double v : e.getValue()) {
                all.append(all.length() == 0 ? "" : ", ").append(String.format("%.1f", v));
            }
            System.out.printf("%-4s %dx%d, cin %d, hidden %d: median %.1f ms/step (rounds: %s)%n", e.getKey(), hw, hw,
                    cin, hidden, l.get(l.size() / 2), all);
        }
    }
}

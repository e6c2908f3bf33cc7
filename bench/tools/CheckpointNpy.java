import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.NpyArray;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.ModelState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a gen4j checkpoint's weights to and from NumPy, for benchmarks that run gen4j's trained weights in a
 * PyTorch reference or the reference's weights in gen4j (bench/diffusion_cross.py). Benchmark tooling only,
 * run with the jar on the class path (Java's single-file launch):
 *
 * <pre>
 *   java -cp gen4j-cli/target/gen4j.jar bench/tools/CheckpointNpy.java export CKPT DIR
 *   java -cp gen4j-cli/target/gen4j.jar bench/tools/CheckpointNpy.java import CKPT DIR OUT_CKPT
 *   java -cp gen4j-cli/target/gen4j.jar bench/tools/CheckpointNpy.java grad RUN DIR
 * </pre>
 *
 * export writes every float32 array of CKPT as DIR/NNNN.npy in the checkpoint's order, and DIR/names.txt
 * (one "name shape" line per array, the same order). import reads DIR/ema-NNNN.npy, the EMA weights in the
 * order of the checkpoint's "ema/" arrays, and writes a copy of CKPT with them as both the EMA and the raw
 * weights (gen4j samples from the EMA weights), checking every element count. grad loads a diffusion RUN's
 * (EMA) weights, reads DIR/xt.npy (B, C, H, W), DIR/t.npy (B) and DIR/eps.npy, and writes the gradient of the
 * training loss mean((eps_theta(x_t, t) - eps)^2) (dropout off) as DIR/grad-NNNN.npy in parameter order,
 * and the loss as DIR/loss.npy.
 */
public final class CheckpointNpy {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        int need = switch (mode) {
            case "export", "grad" -> 3;
            case "import" -> 4;
            default -> -1;
        };
        if (args.length != need) {
            System.err.println("usage: CheckpointNpy export CKPT DIR | import CKPT DIR OUT_CKPT | grad RUN DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[2]);
        if (mode.equals("grad")) {
            grad(Path.of(args[1]), dir);
            return;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint c = Checkpoint.read(Path.of(args[1]), m);
            if (mode.equals("export")) {
                export(c, dir);
            } else {
                Checkpoint.write(Path.of(args[3]), c.header(), replaceEma(c, dir, m));
            }
        }
    }

    private static void export(Checkpoint c, Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder names = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, NDArray> e : c.arrays().entrySet()) {
            NDArray x = e.getValue();
            if (x.getDataType() == DataType.FLOAT32) {
                names.append(e.getKey()).append(' ').append(x.getShape()).append('\n');
                write(dir.resolve(String.format("%04d.npy", i++)), x);
            }
        }
        Files.writeString(dir.resolve("names.txt"), names);
    }

    private static NDList replaceEma(Checkpoint c, Path dir, NDManager m) {
        List<String> ema = new ArrayList<>();
        for (String k : c.arrays().keySet()) {
            if (k.startsWith("ema/")) {
                ema.add(k);
            }
        }
        NDList out = new NDList();
        for (Map.Entry<String, NDArray> e : c.arrays().entrySet()) {
            String k = e.getKey();
            NDArray x = e.getValue();
            int j = ema.indexOf(k.startsWith("net/") ? "ema/" + k.substring(4) : k);
            if (j >= 0) {
                NpyArray v = Npy.read(dir.resolve(String.format("ema-%04d.npy", j)));
                if (v.float32() == null || v.count() != x.getShape().size()) {
                    throw new IllegalArgumentException(k + ": " + v + ", expected float32 of " + x.getShape());
                }
                x = m.create(v.float32(), x.getShape());
            }
            x.setName(k);
            out.add(x);
        }
        return out;
    }

    private static void grad(Path run, Path dir) throws Exception {
        try (LoadedRun r = Runs.load(run, null, Device.cpu()); NDManager m = r.manager().newSubManager()) {
            DiffusionTask task = (DiffusionTask) r.task();
            NDArray xt = read(dir.resolve("xt.npy"), m);
            NDArray t = read(dir.resolve("t.npy"), m);
            NDArray eps = read(dir.resolve("eps.npy"), m);
            List<Pair<String, Parameter>> params = ModelState.params(task.networks(), List.of("unet"));
            for (Pair<String, Parameter> p : params) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray pred = task.network().predict(new ParameterStore(m, false), xt, t, null, false);
                NDArray loss = pred.sub(eps).square().mean();
                gc.backward(loss);
                write(dir.resolve("loss.npy"), loss.reshape(1));
            }
            int i = 0;
            for (Pair<String, Parameter> p : params) {
                write(dir.resolve(String.format("grad-%04d.npy", i++)), p.getValue().getArray().getGradient());
            }
        }
    }

    private static NDArray read(Path file, NDManager m) {
        NpyArray a = Npy.read(file);
        if (a.float32() == null) {
            throw new IllegalArgumentException(file + ": expected float32");
        }
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return m.create(a.float32(), new Shape(shape));
    }

    private static void write(Path file, NDArray x) throws Exception {
        long[] s = x.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        Npy.writeFloat32(file, x.toFloatArray(), shape);
    }
}

"""Runs one side's trained diffusion weights with the other side's code (benchmark only).

The parity run trains both sides and samples each with its own code, so a gap in FID could come from the
training or from the sampling. This script separates them on the same weights:
  - gen4j's weights sampled by the reference's PyTorch U-Net and samplers (--gen4j DIR: an export of a
    gen4j checkpoint by bench/tools/CheckpointNpy.java, whose "ema/" arrays are taken in order);
  - the reference's weights (--torch FILE: bench/reference/ddpm.py --save-weights) sampled by the reference
    (a control of the sample noise) or written for gen4j (--to-gen4j DIR: ema-NNNN.npy in parameter order,
    then CheckpointNpy import puts them into a copy of a gen4j checkpoint of the same architecture, and
    `gen4j sample` draws from it).
Samples are written as OUT/samples.npy (uint8, N x 28 x 28) for `gen4j eval --samples`.
With --grad DIR --run RUN it instead compares the training gradients: one batch of real images at random
levels (DIR/xt.npy, t.npy, eps.npy), the loss's gradient by the reference (dropout off) against gen4j's on the
same weights (CheckpointNpy grad RUN DIR), and prints the largest relative difference per parameter.

    /usr/bin/python3 bench/diffusion_cross.py --gen4j EXPORT --samples 1000 --seed 43 --out DIR
    /usr/bin/python3 bench/diffusion_cross.py --torch ema.pt --to-gen4j DIR
    /usr/bin/python3 bench/diffusion_cross.py --gen4j EXPORT --grad DIR --run RUN --jar gen4j-cli/target/gen4j.jar
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
import common  # noqa: E402
import ddpm  # noqa: E402


def load_gen4j(model, export_dir):
    names = [l.split(" ", 1)[0] for l in open(os.path.join(export_dir, "names.txt")).read().splitlines()]
    ema = [i for i, n in enumerate(names) if n.startswith("ema/")]
    params = list(model.parameters())
    if len(ema) != len(params):
        sys.exit(f"{export_dir}: {len(ema)} EMA arrays, the reference U-Net has {len(params)} parameters")
    with torch.no_grad():
        for i, p in zip(ema, params):
            v = np.load(os.path.join(export_dir, "%04d.npy" % i))
            if v.size != p.numel():
                sys.exit(f"{names[i]}: shape {v.shape}, the reference's parameter has {tuple(p.shape)}")
            p.copy_(torch.from_numpy(v.reshape(p.shape)))


def compare_gradients(model, sched, a):
    os.makedirs(a.grad, exist_ok=True)
    train, _ = common.load_fashion_mnist(common.DEFAULT_DATA_DIR)
    x0 = torch.from_numpy(train[:a.batch]).float().reshape(a.batch, 1, 28, 28) / 127.5 - 1.0
    t = torch.randint(0, sched.T, (a.batch,))
    eps = torch.randn_like(x0)
    xt = sched.sqrt_ab[t].view(-1, 1, 1, 1) * x0 + sched.sqrt_1m_ab[t].view(-1, 1, 1, 1) * eps
    for name, v in (("xt", xt), ("t", t.float()), ("eps", eps)):
        np.save(os.path.join(a.grad, name + ".npy"), v.numpy().astype("<f4"))
    model.zero_grad()
    loss = ((model(xt, t.float()) - eps) ** 2).mean()
    loss.backward()
    subprocess.run(["java", "-Dai.djl.offline=true", "-cp", a.jar,
                    os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools", "CheckpointNpy.java"),
                    "grad", a.run, a.grad], check=True)
    g_loss = float(np.load(os.path.join(a.grad, "loss.npy"))[0])
    print("loss: reference %.6f, gen4j %.6f" % (loss.item(), g_loss))
    worst = 0.0
    for i, (n, p) in enumerate(model.named_parameters()):
        g = np.load(os.path.join(a.grad, "grad-%04d.npy" % i)).reshape(p.shape)
        ref = p.grad.numpy()
        rel = float(np.abs(g - ref).max() / (np.abs(ref).max() + 1e-12))
        worst = max(worst, rel)
        print("%-28s |g| %.3e  max rel diff %.2e" % (n, np.abs(ref).max(), rel))
    print("largest relative difference over all parameters: %.2e" % worst)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--gen4j", help="export folder of a gen4j checkpoint (CheckpointNpy export)")
    src.add_argument("--torch", help="state dict written by ddpm.py --save-weights")
    ap.add_argument("--to-gen4j", help="write the weights as ema-NNNN.npy here for CheckpointNpy import, and stop")
    ap.add_argument("--widths", default="32,64,64")
    ap.add_argument("--sampler", choices=sorted(ddpm.SAMPLERS), default="dpmpp")
    ap.add_argument("--sample-steps", type=int, default=0, help="0 = the sampler's default (20 / 50)")
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--sample-batch", type=int, default=256)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out")
    ap.add_argument("--grad", help="gradient comparison folder (with --run and --jar)")
    ap.add_argument("--run", help="the gen4j run whose weights --gen4j exported (for --grad)")
    ap.add_argument("--jar", default="gen4j-cli/target/gen4j.jar")
    ap.add_argument("--batch", type=int, default=64)
    a = ap.parse_args()

    common.setup(a.threads, a.seed)
    model = ddpm.UNet(1, [int(w) for w in a.widths.split(",")], res_blocks=1, dropout=0.1, groups=8)
    if a.gen4j:
        load_gen4j(model, a.gen4j)
    else:
        model.load_state_dict(torch.load(a.torch))
    if a.to_gen4j:
        os.makedirs(a.to_gen4j, exist_ok=True)
        for i, p in enumerate(model.parameters()):
            np.save(os.path.join(a.to_gen4j, "ema-%04d.npy" % i), p.detach().numpy().astype("<f4"))
        return
    model.eval()
    sched = ddpm.Schedule(1000)
    if a.grad:
        compare_gradients(model, sched, a)
        return
    fn, default_steps = ddpm.SAMPLERS[a.sampler]
    steps = a.sample_steps or default_steps
    gen = torch.Generator().manual_seed(a.seed + 1)
    os.makedirs(a.out, exist_ok=True)
    ms = ddpm.write_model_samples(a.out, model, sched, fn, steps, a.samples, a.sample_batch, gen)
    print("%d samples (%s, %d steps): %.2f ms/image -> %s" % (a.samples, a.sampler, steps, ms,
                                                              os.path.join(a.out, "samples.npy")))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen4j's reference-parity benchmark (issue 14): each family's textbook recipe in plain PyTorch against
gen4j, same steps, same batch size, one after the other on the same machine.

For every family it runs, strictly one process at a time:
  1. the plain-PyTorch reference (bench/reference/<script>.py, Debian's python3-torch, 2 threads);
  2. gen4j on the *identical* network and recipe (``identical``: the same layers, losses and optimizer
     settings, so images/s compares the same arithmetic);
  3. gen4j's *default* recipe for the family, unless it is the identical one (``--no-defaults`` skips it);
then draws the same number of samples from each, scores every sample set with
``gen4j eval --samples FILE --reference test`` (FID, KID, precision, recall, coverage, classes covered on
gen4j's Fashion-MNIST classifier features, against held-out test images), and writes parity.json and
parity.md into --out.

Throughput: images/s over the steps after a warm-up (20 steps, or a fifth of a short run), measured the
same way on both sides (the reference's Timer; gen4j's metrics.jsonl times). Peak resident memory: the
training process's maximum RSS from wait4 (ru_maxrss), for both. Measure on a quiet machine: anything else
running halves the numbers.

This is a benchmark, not a test: it needs Python and PyTorch, which neither the tests nor users need.

  python3 bench/parity.py --steps 60 --samples 0 --out /tmp/parity-speed           # speed only
  python3 bench/parity.py --steps 1000 --samples 2000 --out bench/runs/parity-1000 # quality per step
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
# the gen4j launcher to measure (GEN4J_BIN=/path/to/other/checkout/gen4j measures another build)
GEN4J = os.environ.get("GEN4J_BIN", os.path.join(ROOT, "gen4j"))

# Per family: the reference script and its extra options, gen4j's identical recipe, gen4j's default recipe.
FAMILIES = {
    "vae": dict(
        script="vae.py",
        ref_args=[],
        # conv VAE with a discretized-logistic decoder, Adam 1e-3 constant, no clipping, no EMA
        identical=["train", "vae", "--likelihood", "discretized-logistic", "--lr", "1e-3", "--warmup", "0",
                   "--no-cosine", "--clip", "0", "--ema", "0"],
        # gen4j's default since this benchmark (bench/results/parity-vae-1000): the same recipe
        default=None,
        likelihood=True),
    "gan": dict(
        script="dcgan.py",
        ref_args=[],
        # DCGAN: BatchNorm generator with pixel shuffle, non-saturating loss, Adam 2e-4 (0.5, 0.999); both sides
        # get --gan-widths (main)
        identical=["train", "gan", "--preset", "plain", "--g-blocks", "batchnorm", "--warmup", "0", "--no-cosine",
                   "--clip", "0", "--ema", "0"],
        # gen4j's default since parity-gan-1000 (the `stabilized` preset before): the options above only spell
        # it out
        default=None,
        likelihood=False),
    "diffusion": dict(
        script="ddpm.py",
        ref_args=[],
        # DDPM U-Net (--diffusion-widths, both sides; 24/48/48: 0.59 M parameters, 32/64/64: 1.05 M), no
        # attention, dropout 0.1,
        # Adam 2e-4, 100 warm-up steps, clip 1, EMA 0.999
        # (gen4j's default since parity-diffusion-500-torchinit: the options below only spell it out)
        identical=["train", "diffusion", "--no-attention", "--lr", "2e-4", "--warmup", "100",
                   "--no-cosine", "--clip", "1", "--ema", "0.999"],
        default=None,
        likelihood=False),
    "flow": dict(
        script="flow.py",
        ref_args=[],
        # Glow, 2 levels x 8 steps, width 128: gen4j's default is the textbook recipe
        identical=["train", "flow"],
        default=None,
        likelihood=True),
}


# PyTorch intra-op threads of every process run() starts (--threads)
THREADS = 2


def run(cmd, log_path, env=None):
    """Runs cmd to completion with stdout+stderr in log_path; returns (exit code, seconds, peak RSS MiB).
    Both sides get THREADS intra-op threads (the references by --threads, gen4j by DJL's property)."""
    t0 = time.time()
    env = dict(env or os.environ)
    env["OMP_NUM_THREADS"] = str(THREADS)
    env["GEN4J_JAVA_OPTS"] = (env.get("GEN4J_JAVA_OPTS", "") + f" -Dai.djl.pytorch.num_threads={THREADS}").strip()
    with open(log_path, "w") as log:
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
        _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, time.time() - t0, usage.ru_maxrss / 1024.0


def must(rc, what, log):
    if rc != 0:
        tail = open(log).read()[-2000:]
        sys.exit(f"parity: {what} failed with exit code {rc}; log {log}:\n{tail}")


def gen4j_throughput(run_dir, batch, warm):
    """Wall-clock images/s after the warm-up step, from metrics.jsonl: each train line's images_per_s is
    measured over the wall-clock time of its logging window (the step, the data and every listener, as the
    reference's Timer measures its loop), so the windows after the warm-up are combined by their times."""
    windows = []
    prev = 0
    with open(os.path.join(run_dir, "metrics.jsonl")) as f:
        for line in f:
            o = json.loads(line)
            if o.get("kind") == "train":
                windows.append((prev, o["step"], o["images_per_s"]))
                prev = o["step"]
    after = [(a, b, r) for a, b, r in windows if a >= warm] or windows
    images = sum(batch * (b - a) for a, b, _ in after)
    seconds = sum(batch * (b - a) / r for a, b, r in after)
    return images / seconds


def metric(report, name):
    """A metric of an eval report by its name without the feature-network suffix (fid, recall, ...)."""
    for k, v in report["metrics"].items():
        if k == name or k.startswith(name + "_") and not k.startswith(name + "_std"):
            return v
    return None


def evaluate(samples_npy, out_json, log, n):
    rc, secs, _ = run([GEN4J, "eval", "--samples", samples_npy, "--reference", "test",
                       "--num-samples", str(n), "-o", out_json], log)
    must(rc, "gen4j eval --samples " + samples_npy, log)
    r = json.load(open(out_json))["samples"]
    return {k: metric(r, k) for k in ("fid", "kid", "precision", "recall", "coverage", "classes_covered",
                                       "sharpness_ratio")}


def sample_and_score(run_dir, d, n, seed):
    """Draws n samples of a gen4j run with `gen4j sample --seed seed` into d/samples.npy and scores them
    (evaluate, into d/eval.json); returns the metrics and the sampling ms/image that gen4j printed."""
    npy = os.path.join(d, "samples.npy")
    slog = os.path.join(d, "sample.log")
    rc, _, _ = run([GEN4J, "sample", run_dir, "-n", str(n), "-o", npy, "--seed", str(seed)], slog)
    must(rc, "gen4j sample " + run_dir, slog)
    ms = re.search(r"sampling: ([\d.]+) ms/image", open(slog).read())
    row = {"sample_ms_per_image": float(ms.group(1)) if ms else None}
    row.update(evaluate(npy, os.path.join(d, "eval.json"), os.path.join(d, "eval.log"), n))
    return row


def command_line(script):
    """The command line that made an output folder, as `[GEN4J_BIN=...] python3 SCRIPT ARGS`, for its records."""
    command = " ".join(shlex.quote(x) for x in ["python3", script] + sys.argv[1:])
    if os.environ.get("GEN4J_BIN"):
        command = "GEN4J_BIN=" + shlex.quote(os.environ["GEN4J_BIN"]) + " " + command
    return command


def reference(fam, spec, a, out):
    d = os.path.join(out, "reference-" + fam)
    os.makedirs(d, exist_ok=True)
    log = os.path.join(d, "train.log")
    cmd = [PY, os.path.join(HERE, "reference", spec["script"]), "--steps", str(a.steps), "--batch-size",
           str(a.batch_size), "--seed", str(a.seed), "--out", d, "--samples", str(a.samples),
           "--threads", str(a.threads)] + spec["ref_args"]
    if spec["likelihood"]:
        cmd += ["--eval-n", str(a.eval_n)]
    if fam == "diffusion" and a.samples == 0:
        cmd += ["--timing-batch", "0"]
    rc, secs, rss = run(cmd, log)
    must(rc, "reference " + fam, log)
    res = json.load(open(os.path.join(d, "result.json")))
    row = {"images_per_s": res["images_per_s"], "peak_rss_mib": rss, "wall_seconds": secs,
           "params": res.get("params"), "sample_ms_per_image": res.get("sample_ms_per_image")}
    for k in ("iwae_bits_per_dim", "elbo_bits_per_dim", "test_bits_per_dim"):
        if k in res:
            row[k] = res[k]
    if a.samples > 0:
        row.update(evaluate(os.path.join(d, "samples.npy"), os.path.join(d, "eval.json"),
                            os.path.join(d, "eval.log"), a.samples))
    return row


def gen4j(fam, spec, which, args, a, out, launcher=None):
    launcher = launcher or GEN4J
    d = os.path.join(out, "gen4j-" + which + "-" + fam)
    os.makedirs(d, exist_ok=True)
    log = os.path.join(d, "train.log")
    warm = min(20, a.steps // 5)
    cmd = [launcher] + args + [
        "--steps", str(a.steps), "--batch-size", str(a.batch_size), "--seed", str(a.seed), "--out", d,
        "--log-every", str(max(1, warm)), "--sample-every", "0", "--eval-every", "0",
        "--checkpoint-every", str(a.steps), "--checkpoint-minutes", "1000"]
    rc, secs, rss = run(cmd, log)
    must(rc, "gen4j " + " ".join(args), log)
    run_dir = sorted(p for p in glob.glob(os.path.join(d, "*")) if os.path.isdir(p))[-1]
    ips = gen4j_throughput(run_dir, a.batch_size, warm)
    text = open(log).read()
    m = re.search(r"parameters?[:=]?\s*([\d,]+)|([\d,]+) parameters", text)
    row = {"images_per_s": ips, "peak_rss_mib": rss, "wall_seconds": secs, "run": run_dir,
           "params": int((m.group(1) or m.group(2)).replace(",", "")) if m else None}
    if a.samples > 0:
        # seed + 1, the references' sampling seed: for diffusion both sides then start from the same noise
        # x_T (gen4j's engine and torch.randn share the CPU generator), so that at 1,000 samples the FID
        # difference is the weights' and not the draw's (one set of weights gave FID 280.6 and 291.6 on two
        # draws: bench/diffusion_cross.py)
        row.update(sample_and_score(run_dir, d, a.samples, a.seed + 1))
    if spec["likelihood"] and a.eval_n > 0:
        elog = os.path.join(d, "likelihood.log")
        ej = os.path.join(d, "likelihood.json")
        # the VAE's IWAE bound with k = 100 as the reference's; the flow's exact likelihood with one
        # dequantization draw per image, as the reference's
        k = "100" if fam == "vae" else "1"
        rc, _, _ = run([GEN4J, "eval", run_dir, "--num-samples", "0", "-n", str(a.eval_n), "--iwae-k", k,
                        "--smoothness-pairs", "0", "-o", ej], elog)
        must(rc, "gen4j eval " + run_dir, elog)
        lk = json.load(open(ej)).get("likelihood")
        if isinstance(lk, dict):
            # gen4j's names -> the references' names, so that both land in one column
            names = {"iwae_bpd": "iwae_bits_per_dim", "elbo_bpd": "elbo_bits_per_dim"} if fam == "vae" \
                else {"bpd": "test_bits_per_dim", "iw_bpd": "test_bits_per_dim"}
            for k, v in lk.items():
                if k in names and isinstance(v, (int, float)):
                    row[names[k]] = v
    return row


def median_row(rows):
    """The first row with images/s and peak memory replaced by their medians over all rows (and the list)."""
    out = dict(rows[0])
    for k in ("images_per_s", "peak_rss_mib"):
        v = sorted(r[k] for r in rows)
        out[k] = v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2
        if len(rows) > 1:
            out[k + "_all"] = [r[k] for r in rows]
    return out


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def fmt(v, digits=2):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def table(results):
    cols = ["images_per_s", "peak_rss_mib", "params", "fid", "kid", "precision", "recall", "coverage",
            "classes_covered", "sharpness_ratio", "sample_ms_per_image", "elbo_bits_per_dim", "iwae_bits_per_dim",
            "test_bits_per_dim"]
    lines = []
    for fam, r in results.items():
        lines.append(f"\n### {fam}: speed ratio {fmt(r.get('speed_ratio'))}x, FID ratio (gen4j default / reference) "
                     f"{fmt(r.get('fid_ratio'))}\n")
        present = [c for c in cols if any(c in row for row in r["rows"].values())]
        lines.append("| implementation | " + " | ".join(present) + " |")
        lines.append("|---|" + "---|" * len(present))
        for name, row in r["rows"].items():
            lines.append(f"| {name} | " + " | ".join(fmt(row.get(c)) for c in present) + " |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", default="vae,gan,diffusion,flow")
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--samples", type=int, default=2000, help="samples per model for the metrics (0 = speed only)")
    ap.add_argument("--eval-n", type=int, default=2000, help="test images for bits/dim (VAE, flow)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-defaults", action="store_true", help="skip gen4j's default recipes")
    ap.add_argument("--skip-reference", action="store_true", help="gen4j only (no Python needed)")
    ap.add_argument("--skip-identical", action="store_true",
                    help="quality of the reference and gen4j's default only, where they differ (the identical "
                         "network is for speed, which a separate quiet run measures)")
    ap.add_argument("--repeats", type=int, default=1,
                    help="train each side this many times, alternating, and keep the median images/s and memory")
    ap.add_argument("--quality-only", action="store_true",
                    help="quality per step only: leave images/s and timings out (for a run that shares the machine)")
    ap.add_argument("--threads", type=int, default=2,
                    help="PyTorch intra-op threads of both sides (1 with --quality-only while another job runs: "
                         "two processes of 2 OpenMP threads each on 2 cores slow each other down many times over)")
    ap.add_argument("--baseline-bin", metavar="LAUNCHER",
                    help="also train the identical recipe with this gen4j launcher (an older build, or the same jar "
                         "under other settings), alternating with the others: a before/after in the same run")
    ap.add_argument("--gan-widths", default="64,32,16/32,64", metavar="G/D",
                    help="generator / discriminator widths of the GAN on both sides (default: gen4j's default for "
                         "28x28; runs before it existed used the textbook 128,64,32/64,128)")
    ap.add_argument("--diffusion-widths", default="24,48,48", metavar="W",
                    help="U-Net widths of diffusion on both sides (default: gen4j's default for 28x28; runs "
                         "before it existed used 32,64,64)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    gan_g, _, gan_d = a.gan_widths.partition("/")
    if not re.fullmatch(r"[1-9]\d*(,[1-9]\d*){2}", gan_g) or not re.fullmatch(r"[1-9]\d*,[1-9]\d*", gan_d):
        ap.error(f"--gan-widths: expected 3 generator / 2 discriminator widths such as 64,32,16/32,64, "
                 f"got {a.gan_widths}")
    if not re.fullmatch(r"[1-9]\d*(,[1-9]\d*)+", a.diffusion_widths):
        ap.error(f"--diffusion-widths: expected positive widths such as 32,64,64, got {a.diffusion_widths}")
    # the network's widths go to both sides alike
    for fam, widths in (("gan", ["--g-widths", gan_g, "--d-widths", gan_d]),
                        ("diffusion", ["--widths", a.diffusion_widths])):
        FAMILIES[fam] = dict(FAMILIES[fam], ref_args=FAMILIES[fam]["ref_args"] + widths,
                             identical=FAMILIES[fam]["identical"] + widths)
    global THREADS
    THREADS = a.threads
    os.makedirs(a.out, exist_ok=True)
    # the command line that made this folder, recorded in parity.json and parity.md
    command = command_line("bench/parity.py")
    results = {}
    for fam in a.families.split(","):
        spec = FAMILIES[fam]
        rows = {}
        refs, ids, base = [], [], []
        for i in range(a.repeats):
            # alternate the two sides so that slow drifts of the machine hit both alike
            out_i = a.out if a.repeats == 1 else os.path.join(a.out, f"repeat-{i + 1}")
            if not a.skip_reference:
                refs.append(reference(fam, spec, a, out_i))
            if not (a.skip_identical and spec["default"]):
                ids.append(gen4j(fam, spec, "identical", spec["identical"], a, out_i))
            if a.baseline_bin:
                base.append(gen4j(fam, spec, "baseline", spec["identical"], a, out_i, a.baseline_bin))
        if refs:
            rows["reference (PyTorch)"] = median_row(refs)
        if ids:
            rows["gen4j identical"] = median_row(ids)
        if base:
            rows["gen4j identical, baseline build"] = median_row(base)
        if spec["default"] and not a.no_defaults:
            rows["gen4j default"] = gen4j(fam, spec, "default", spec["default"], a, a.out)
        if a.quality_only:
            # the machine was shared: throughput and timings of this run measure the neighbours too (peak
            # resident memory, the process's own ru_maxrss, does not depend on them and is kept)
            for row in rows.values():
                for k in ("images_per_s", "images_per_s_all", "wall_seconds", "sample_ms_per_image"):
                    row.pop(k, None)
        ref = rows.get("reference (PyTorch)", {})
        same = rows.get("gen4j identical", {})
        default = rows.get("gen4j default", same)
        results[fam] = {
            "family": fam, "command": command, "steps": a.steps, "batch_size": a.batch_size, "samples": a.samples,
            "speed_ratio": ratio(same.get("images_per_s"), ref.get("images_per_s")),
            "fid_ratio": ratio(default.get("fid"), ref.get("fid")),
            "recall_ratio": ratio(default.get("recall"), ref.get("recall")),
            "memory_ratio": ratio(same.get("peak_rss_mib"), ref.get("peak_rss_mib")),
            "baseline_speed_ratio": ratio((rows.get("gen4j identical, baseline build") or {}).get("images_per_s"),
                                          ref.get("images_per_s")),
            "rows": rows}
        print(f"{fam}: " + json.dumps({k: v for k, v in results[fam].items() if k != "rows"}), flush=True)
        with open(os.path.join(a.out, "parity.json.tmp"), "w") as f:
            json.dump(list(results.values()), f, indent=1)
        os.replace(os.path.join(a.out, "parity.json.tmp"), os.path.join(a.out, "parity.json"))
    with open(os.path.join(a.out, "parity.md"), "w") as f:
        f.write(f"# Parity: {a.steps} steps, batch {a.batch_size}, {a.samples} samples per model\n")
        f.write(f"\nCommand: `{command}`\n")
        if a.quality_only:
            f.write("\nQuality per step only (--quality-only): images/s and timings are left out, as such a run "
                    "may share the machine (peak memory is the process's own and is kept); speed is measured on a "
                    "quiet machine by a separate run.\n")
        f.write(table(results))
    print(open(os.path.join(a.out, "parity.md")).read())


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Quality per second: two or three network sizes per family, each trained for the same wall-clock budget.

`gen4j compare` trains every family for the same minutes, so what decides its verdicts is the quality a
network reaches per second on this machine, not per step: a network half as expensive gets twice the
steps. For each family this trains gen4j's default recipe at a few sizes (the default among them), one
process at a time, for --budget of wall-clock training each, then draws --samples samples of each with the
family's default sampler and scores them with `gen4j eval --samples FILE --reference test` (FID, KID,
precision, recall, coverage on the fmnistcnn features against held-out test images), and writes
size-sweep.md and size-sweep.json into --out.

Run it on a quiet machine: the budget is wall-clock, so anything else running takes steps from the size
being trained. gen4j only (no Python PyTorch needed, unlike bench/parity.py, whose helpers it reuses).

  python3 bench/size_sweep.py --budget 5m --samples 2000 --out bench/runs/size-sweep
  python3 bench/size_sweep.py --families diffusion --budget 10m --out bench/runs/size-sweep-diffusion
  python3 bench/size_sweep.py --families gan --size-index 0,1 --budget 10m --out bench/runs/size-sweep-gan-10m
"""

import argparse
import glob
import json
import os
import sys
import time

import parity

# Per family: (name, extra options) of each size; the default is the one marked so (the GAN's spells its widths
# out, so that a launcher built before they became the default trains what the label says).
SIZES = {
    "vae": [("widths 16,32, fc 256", ["--widths", "16,32", "--hidden", "256"]),
            ("widths 32,64, fc 512 (default)", []),
            ("widths 64,128, fc 1024", ["--widths", "64,128", "--hidden", "1024"])],
    # the GAN's default is the half width since this sweep at 10m (runs before: 128,64,32 / 64,128 was it)
    "gan": [("G 64,32,16 / D 32,64 (default)", ["--g-widths", "64,32,16", "--d-widths", "32,64"]),
            ("G 128,64,32 / D 64,128", ["--g-widths", "128,64,32", "--d-widths", "64,128"]),
            ("G 256,128,64 / D 128,256", ["--g-widths", "256,128,64", "--d-widths", "128,256"])],
    # the U-Net's default is 24,48,48 since this sweep at 10m (runs before: 32,64,64 was it)
    "diffusion": [("U-Net 16,32,32", ["--widths", "16,32,32"]),
                  ("U-Net 24,48,48 (default)", ["--widths", "24,48,48"]),
                  ("U-Net 32,64,64", ["--widths", "32,64,64"])],
    "flow": [("Glow width 32", ["--hidden", "32"]),
             ("Glow width 64", ["--hidden", "64"]),
             ("Glow width 128 (default)", [])],
}


def steps_done(run_dir):
    """The last training step the run's metrics.jsonl logged."""
    steps = 0
    with open(os.path.join(run_dir, "metrics.jsonl")) as f:
        for line in f:
            o = json.loads(line)
            if o.get("kind") == "train":
                steps = o["step"]
    return steps


def one(fam, name, extra, a, out):
    slug = fam + "-" + "".join(c if c.isalnum() else "-" for c in name.split(" (")[0]).strip("-")
    d = os.path.join(out, slug)
    os.makedirs(d, exist_ok=True)
    log = os.path.join(d, "train.log")
    cmd = [parity.GEN4J, "train", fam] + extra + [
        "--budget", a.budget, "--batch-size", str(a.batch_size), "--seed", str(a.seed), "--out", d,
        "--log-every", "20", "--sample-every", "0", "--eval-every", "0", "--checkpoint-minutes", "1000"]
    rc, secs, rss = parity.run(cmd, log)
    parity.must(rc, "gen4j " + " ".join(cmd[1:]), log)
    run_dir = sorted(p for p in glob.glob(os.path.join(d, "*")) if os.path.isdir(p))[-1]
    # images/s over the whole run, every logging window (no warm-up left out: the budget includes it)
    row = {"family": fam, "size": name, "options": " ".join(extra), "steps": steps_done(run_dir),
           "images_per_s": parity.gen4j_throughput(run_dir, a.batch_size, 0), "peak_rss_mib": rss, "run": run_dir}
    row.update(parity.sample_and_score(run_dir, d, a.samples, a.seed + 1))
    with open(os.path.join(d, "row.json"), "w") as f:
        json.dump(row, f, indent=1)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", default="vae,gan,diffusion,flow")
    ap.add_argument("--budget", default="5m", help="wall-clock training per size, as gen4j's --budget")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--size-index", default=None,
                    help="train only these sizes of each family, by position in its list (e.g. 0,1)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    fams = a.families.split(",")
    bad = [f for f in fams if f not in SIZES]
    if bad:
        sys.exit(f"size_sweep: --families: unknown {', '.join(bad)}; expected some of {', '.join(SIZES)}")
    command = parity.command_line("bench/size_sweep.py")
    started = time.strftime("%Y-%m-%d %H:%M")
    plan = []
    for fam in fams:
        sizes = SIZES[fam]
        if a.size_index is not None:
            try:
                sizes = [sizes[int(i)] for i in a.size_index.split(",")]
            except (ValueError, IndexError):
                sys.exit(f"size_sweep: --size-index {a.size_index}: expected positions 0-{len(sizes) - 1} "
                         f"of {fam}'s sizes, comma-separated")
        plan += [(fam, name, extra) for name, extra in sizes]
    os.makedirs(a.out, exist_ok=True)
    rows = []
    for fam, name, extra in plan:
        print(f"size_sweep: {fam}, {name}, {a.budget} ...", flush=True)
        rows.append(one(fam, name, extra, a, a.out))
        print(f"  {rows[-1]['steps']} steps, FID {rows[-1]['fid']:.1f}", flush=True)
    with open(os.path.join(a.out, "size-sweep.json"), "w") as f:
        json.dump({"command": command, "started": started, "finished": time.strftime("%Y-%m-%d %H:%M"),
                   "rows": rows}, f, indent=1)
    lines = [f"# Quality per second: {a.budget} of training per size, {a.samples} samples each",
             "", f"`{command}`, {started} to {time.strftime('%H:%M')}", "",
             "| family | size | steps | images/s | FID | KID | precision | recall | coverage | classes | peak RSS MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['family']} | {r['size']} | {r['steps']} | {parity.fmt(r['images_per_s'], 0)} | "
                     f"{parity.fmt(r['fid'], 1)} | {parity.fmt(r['kid'], 1)} | {parity.fmt(r['precision'], 2)} | "
                     f"{parity.fmt(r['recall'], 2)} | {parity.fmt(r['coverage'], 2)} | {parity.fmt(r['classes_covered'], 0)} | "
                     f"{parity.fmt(r['peak_rss_mib'], 0)} |")
    with open(os.path.join(a.out, "size-sweep.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

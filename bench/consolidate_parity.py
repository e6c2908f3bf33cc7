#!/usr/bin/env python3
"""One parity table for all four families, assembled from result folders already under bench/results/.

No run of bench/parity.py so far measured everything at once: speed comes from one quiet-machine run of
the identical networks (60 steps), quality from one run per family at equal steps (1,000 steps; 500 for
diffusion). This script reads those folders' parity.json files (and, where a row lacks a metric, the
per-side ``*-eval.json`` files beside them), picks the row that is gen4j's default *now* in each family,
and writes

  bench/results/parity.json   one object per family (vae, gan, diffusion, flow): ratios, both sides'
                              numbers, targets met, the full rows and where every number came from
  bench/results/parity.md     the same as a summary table and one detail section per family

It only reads JSON and Markdown; it trains and measures nothing. Deterministic: the same inputs give the
same bytes. The command line each folder was made with is taken from the folder's parity.md if it
records one, otherwise from the README paragraph that cites the folder.

  /usr/bin/python3 bench/consolidate_parity.py
  /usr/bin/python3 bench/consolidate_parity.py --default-row diffusion="gen4j identical"
"""
import argparse
import json
import math
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results")
README = os.path.join(ROOT, "README.md")

FAMILIES = ("vae", "gan", "diffusion", "flow")
REFERENCE = "reference (PyTorch)"

# ---------------------------------------------------------------------------------------------------
# Which run and which row each number comes from. Edit here when a new run replaces one of these.
# ---------------------------------------------------------------------------------------------------

# Speed and training memory: the identical network of every family, quiet machine, medians of
# alternated repeats. Its "gen4j identical" row is compared with its reference row.
SPEED_FOLDER = "parity-speed-allocator"
# Later speed runs of single families (same command, one family), shown under that family's speed table
# as a repeat; the summary keeps SPEED_FOLDER's ratio so that all four come from one run.
LATER_SPEED_FOLDERS = {"diffusion": ["parity-speed-diffusion-init", "parity-diffusion-500-w24"], "vae": ["parity-speed-pertensor"],
                       "gan": ["parity-speed-pertensor", "parity-gan-1000-half", "parity-gan-1000-half-seed43"],
                       "flow": ["parity-speed-pertensor"]}
# What a later folder's --baseline-bin row was (in SPEED_FOLDER it is the build without the process settings).
LATER_BASELINE_LABELS = {"parity-speed-diffusion-init": "gen4j identical, the build before nn.TorchInit (DJL's initialization)",
                         "parity-speed-pertensor": "gen4j identical, the build before (EMA and gradient norm in several "
                                                   "DJL ops per parameter, the flow's parameter copies and masks, IDX "
                                                   "data read in chunks)"}
SPEED_ROW = "gen4j identical"

# Quality at equal steps: per family, the folders to read. The first one holds the reference row; rows of
# later folders (gen4j-only runs made with --skip-reference) are merged in if the folder exists.
QUALITY_FOLDERS = {
    "vae": ["parity-vae-1000"],
    # the GAN's default is the half width since compare-10m-gan-half; the textbook width's runs stay as rows
    "gan": ["parity-gan-1000-half", "parity-gan-1000-half-seed43", "parity-gan-1000", "parity-gan-1000-seed43"],
    # the U-Net's default is 24,48,48 since compare-10m-diffusion-w24; the 32,64,64 runs stay as rows
    "diffusion": ["parity-diffusion-500-w24", "parity-diffusion-500-w24-seed43", "parity-diffusion-500", "parity-diffusion-500-djl-init", "parity-diffusion-500-torchinit",
                  "parity-diffusion-500-seed43", "parity-diffusion-500-refdeq", "parity-diffusion-500-seed44"],
    "flow": ["parity-flow-1000"],
}

# The row that is gen4j's default recipe *now* (bench/parity.py's "gen4j default" row is whatever the
# default was when the folder was made). Override with --default-row FAMILY="ROW NAME".
DEFAULT_ROW = {
    # parity-vae-1000: the identical recipe (discretized-logistic decoder, constant lr) became the default;
    # that folder's "gen4j default" row is the old sigma-VAE default
    "vae": "gen4j identical",
    # parity-gan-1000: the DCGAN recipe with the BatchNorm generator became the default; that folder's
    # "gen4j default" row is the old `stabilized` preset. parity-gan-1000-half: the same recipe at the half
    # width (G 64,32,16 / D 32,64), the default since compare-10m-gan-half, on both sides
    "gan": "gen4j identical",
    # parity-diffusion-500-torchinit: the identical recipe with the U-Net initialized as PyTorch does became
    # the default; parity-diffusion-500's "gen4j default" row is the old default (attention, gen4j's schedule)
    # (32,64,64). parity-diffusion-500-w24: the same recipe with the U-Net 24,48,48 on both sides, the default
    # since compare-10m-diffusion-w24
    "diffusion": "gen4j identical, U-Net 24,48,48",
    # parity-flow-1000: the default Glow is the identical recipe, so that folder has one gen4j row
    "flow": "gen4j identical",
}

# What the rows of the quality folders are, where the row name alone would mislead.
ROW_NOTES = {
    ("vae", "gen4j default"): "sigma-VAE decoder, the default until parity-vae-1000",
    ("gan", "gen4j default then, textbook width, 2,000 samples"): "`stabilized` preset, the default until parity-gan-1000",
    ("diffusion", "gen4j default"): "U-Net 32/64/64 with attention at 7x7, gen4j's old schedule, DJL's "
                                    "initialization: the default until parity-diffusion-500-torchinit",
}

# The reference row that the summary compares with, where it is not REFERENCE.
REFERENCE_ROW = {"diffusion": "reference (PyTorch), U-Net 24,48,48"}

# Rows renamed when read, where gen4j-only runs of the same recipe (--skip-reference) would collide:
# (folder, row name in its parity.json) -> name in the consolidated table.
ROW_RENAMES = {
    ("parity-diffusion-500-djl-init", "gen4j identical"): "gen4j identical, DJL's default initialization",
    ("parity-diffusion-500-torchinit", "gen4j identical"): "gen4j identical, PyTorch's initialization",
    # the second seed of both sides (seed 43; the rows above are seed 42)
    ("parity-diffusion-500-seed43", "reference (PyTorch)"): "reference (PyTorch), seed 43",
    ("parity-diffusion-500-seed43", "gen4j identical"): "gen4j identical, PyTorch's initialization, seed 43",
    # the GAN at the textbook width G 128,64,32 / D 64,128 (the default until compare-10m-gan-half): seed 42
    # with 2,000 samples, seed 43 with 10,000 (the rows without a width: the half width, the default now)
    ("parity-gan-1000", "reference (PyTorch)"): "reference (PyTorch), textbook width, 2,000 samples",
    ("parity-gan-1000", "gen4j identical"): "gen4j identical, textbook width, 2,000 samples",
    ("parity-gan-1000", "gen4j default"): "gen4j default then, textbook width, 2,000 samples",
    ("parity-gan-1000-seed43", "reference (PyTorch)"): "reference (PyTorch), textbook width, seed 43, 10,000 samples",
    ("parity-gan-1000-seed43", "gen4j identical"): "gen4j identical, textbook width, seed 43, 10,000 samples",
    ("parity-gan-1000-half-seed43", "reference (PyTorch)"): "reference (PyTorch), seed 43",
    ("parity-gan-1000-half-seed43", "gen4j identical"): "gen4j identical, seed 43",
    # the third seed of both sides, 5,000 samples each from one common noise
    ("parity-diffusion-500-seed44", "reference (PyTorch)"): "reference (PyTorch), seed 44, 5,000 samples",
    ("parity-diffusion-500-seed44", "gen4j identical"): "gen4j identical, seed 44, 5,000 samples",
    # the U-Net 24,48,48 (the default since compare-10m-diffusion-w24) on both sides; the diffusion rows
    # without a width are the U-Net 32,64,64
    ("parity-diffusion-500-w24", "reference (PyTorch)"): "reference (PyTorch), U-Net 24,48,48",
    ("parity-diffusion-500-w24", "gen4j identical"): "gen4j identical, U-Net 24,48,48",
    ("parity-diffusion-500-w24-seed43", "reference (PyTorch)"): "reference (PyTorch), U-Net 24,48,48, seed 43",
    ("parity-diffusion-500-w24-seed43", "gen4j identical"): "gen4j identical, U-Net 24,48,48, seed 43",
    # the reference trained on dequantized pixels as gen4j is (ddpm.py --dequantize), seed 42
    ("parity-diffusion-500-refdeq", "reference (PyTorch)"): "reference (PyTorch), dequantized pixels",
}

# Evaluations committed beside a folder without a row in its parity.json: (folder, file prefix, row name).
# The prefix names <prefix>-<family>-eval.json and, optionally, <prefix>-<family>-likelihood.json.
EXTRA_ROWS = {
    "vae": [("parity-vae-1000", "gen4j-dl-shared-schedule",
             "gen4j discretized logistic + the old shared schedule (run afterwards)")],
    # 5,000 samples of each side's seed-42 and seed-43 weights, drawn by gen4j from one common noise (the
    # reference's weights imported into a gen4j checkpoint: the samplers are shown to be the same there)
    "diffusion": [("parity-diffusion-500-cross", f"5k-{side}-seed{seed}",
                   f"{'reference (PyTorch)' if side == 'reference' else 'gen4j identical'}, seed {seed}, "
                   f"5,000 samples")
                  for seed in (42, 43) for side in ("reference", "gen4j")],
}

# Families measured on several training seeds of both sides: (reference row, gen4j row) per seed, each
# pair at one sample count. The summary's FID ratio is then the mean of the per-seed ratios (each pair's
# samples are drawn alike, so a ratio within a pair is fair even where pairs differ in sample count), and
# recall the mean of each side's recalls. The single-seed rows above stay in the detail tables.
SEED_PAIRS = {
    "gan": [("reference (PyTorch)", "gen4j identical"), ("reference (PyTorch), seed 43", "gen4j identical, seed 43")],
    # 2,000 samples per side and seed
    "diffusion": [("reference (PyTorch), U-Net 24,48,48", "gen4j identical, U-Net 24,48,48"),
                  ("reference (PyTorch), U-Net 24,48,48, seed 43", "gen4j identical, U-Net 24,48,48, seed 43")],
}
# Seed pairs of an earlier default, summarized under the family's quality table: (what, pairs).
EARLIER_SEED_PAIRS = {
    "diffusion": ("the U-Net 32,64,64 (the rows without a width; the default until compare-10m-diffusion-w24), "
                  "5,000 samples per side and seed",
                  [(f"reference (PyTorch), seed {s}, 5,000 samples", f"gen4j identical, seed {s}, 5,000 samples")
                   for s in (42, 43, 44)]),
}

# Speed targets of README's parity section: >= 1.0x everywhere, 1.3x where convolutions are not the
# whole step (VAE, diffusion, flow).
SPEED_TARGET = {"vae": 1.3, "gan": 1.0, "diffusion": 1.3, "flow": 1.3}

# The bits/dim that the likelihood target compares (key in the rows, label); other families have none.
BITS_PER_DIM = {"vae": ("iwae_bits_per_dim", "IWAE-100"), "flow": ("test_bits_per_dim", "exact")}
BITS_PER_DIM_KEYS = ("elbo_bits_per_dim", "iwae_bits_per_dim", "test_bits_per_dim")
BITS_PER_DIM_TOLERANCE = 0.05

# Quality-run columns shown per family (key, header, decimals); throughput of the quality runs is left
# out on purpose: most shared the machine, and the speed run is the measurement.
QUALITY_COLUMNS = [
    ("fid", "FID ↓", 1), ("kid", "KID ↓", 1), ("precision", "precision ↑", 2), ("recall", "recall ↑", 2),
    ("coverage", "coverage ↑", 2), ("classes_covered", "classes", 0), ("sharpness_ratio", "sharpness (real = 1)", 2),
    ("elbo_bits_per_dim", "ELBO bits/dim ↓", 2), ("iwae_bits_per_dim", "IWAE-100 bits/dim ↓", 2),
    ("test_bits_per_dim", "exact bits/dim ↓", 2), ("peak_rss_mib", "peak memory (MiB)", 0), ("params", "params", 0),
]


# --------------------------------------------------------------------------------------------- reading

def rel(path):
    return os.path.relpath(path, ROOT)


def load_folder(folder):
    """{family: parity.json object} of a result folder, or None if the folder is absent."""
    path = os.path.join(RESULTS, folder, "parity.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {obj["family"]: obj for obj in json.load(f)}


def readme_parity_section():
    with open(README) as f:
        text = f.read()
    m = re.search(r"^## Parity with plain PyTorch\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return m.group(1) if m else ""


DATE = re.compile(r"\b20\d\d-\d\d-\d\d(?: \d\d:\d\d(?:-\d\d:\d\d)?)?")


def find_command(text, folder=None):
    """(command, date) of the first paragraph of text that cites bench/results/<folder> (any paragraph if
    folder is None): the last `python3 bench/parity.py ...` code span before the citation, and the first
    date after that span. (None, None) if there is none."""
    for para in re.split(r"\n\s*\n", text):
        end = len(para)
        if folder is not None:
            m = re.search(r"bench/results/" + re.escape(folder) + r"(?![\w-])", para)
            if not m:
                continue
            end = m.start()
        # a command may start with environment settings (GEN4J_BIN=... python3 bench/parity.py ...), whose value
        # may be a placeholder with spaces (GEN4J_BIN=<build 04f7c39>), as may the script (<copy of bench/parity.py ...>)
        spans = [s for s in re.finditer(r"`([^`]+)`", para[:end])
                 if re.match(r"(\S+=(<[^>]*>|\S+)\s+)*python3 (bench/parity\.py|<[^>]*parity\.py[^>]*>)", " ".join(s.group(1).split()))]
        if spans:
            date = DATE.search(para, spans[-1].end(), end if folder else len(para)) or DATE.search(para)
            return " ".join(spans[-1].group(1).split()), date.group(0) if date else None
    return None, None


def describe_source(folder, readme):
    """Where a folder came from: its parity.md title, the command line and date that made it, and the
    dates of the gen4j runs it holds (from their run directories' names)."""
    md_path = os.path.join(RESULTS, folder, "parity.md")
    md = open(md_path).read() if os.path.exists(md_path) else ""
    command, date = find_command(md)
    origin = rel(md_path)
    if command is None:
        command, date = find_command(readme, folder)
        origin = "README.md" if command else None
    run_dates = set()
    for fam in (load_folder(folder) or {}).values():
        for row in fam["rows"].values():
            m = re.search(r"-(20\d\d)(\d\d)(\d\d)-\d{6}$", row.get("run") or "")
            if m:
                run_dates.add("-".join(m.groups()))
    title = md.splitlines()[0].lstrip("# ").strip() if md else None
    return {"folder": "bench/results/" + folder, "title": title, "command": command,
            "command_recorded_in": origin, "date": date, "gen4j_run_dates": sorted(run_dates)}


def eval_metrics(folder, prefix, family):
    """Metrics of <prefix>-<family>-eval.json in the names parity.json uses, or {} if absent."""
    path = os.path.join(RESULTS, folder, f"{prefix}-{family}-eval.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        m = json.load(f)["samples"]["metrics"]
    out = {k: m.get(k + "_fmnistcnn") for k in ("fid", "kid", "precision", "recall", "coverage", "classes_covered")}
    out["sharpness_ratio"] = m.get("sharpness_ratio")
    return {k: v for k, v in out.items() if v is not None}


def row_prefix(name):
    """'gen4j identical' -> 'gen4j-identical', 'reference (PyTorch)' -> 'reference': the eval files' names."""
    return name.split(" (")[0].replace(" ", "-")


# --------------------------------------------------------------------------------------------- numbers

def clean(v):
    """NaN (the reference writes it for an unmeasured time) becomes None, so parity.json stays valid JSON."""
    return None if isinstance(v, float) and math.isnan(v) else v


def ratio(a, b):
    a, b = clean(a), clean(b)
    return a / b if a is not None and b not in (None, 0) else None


def fmt(v, digits=2, suffix=""):
    v = clean(v)
    if v is None:
        return "-"
    return f"{v:,.{digits}f}{suffix}"


def speed_table(rows, labels=None):
    """Markdown lines of a speed table: images/s and peak memory (medians, each run in brackets), params;
    labels renames rows (a None value keeps the name)."""
    lines = ["| implementation | images/s | peak memory (MiB) | params |", "|---|---|---|---|"]
    for name, row in rows.items():
        name = (labels or {}).get(name) or name
        lines.append(f"| {name} | {runs_cell(row.get('images_per_s'), row.get('images_per_s_all'), 0)} | "
                     f"{runs_cell(row.get('peak_rss_mib'), row.get('peak_rss_mib_all'), 0)} | "
                     f"{fmt(row.get('params'), 0)} |")
    return lines


def mark(ok):
    return "–" if ok is None else ("✓" if ok else "✗")


def quality_rows(family, warnings):
    """The merged quality rows of a family, the quality run's settings and the folders read."""
    rows, settings, folders = {}, None, []
    for folder in QUALITY_FOLDERS[family]:
        data = load_folder(folder)
        if data is None or family not in data:
            continue
        obj = data[family]
        folders.append(folder)
        run = {k: obj[k] for k in ("steps", "batch_size", "samples")}
        if settings is None:
            settings = run
        elif run != settings:
            warnings.append(f"{folder}: {run} differs from {QUALITY_FOLDERS[family][0]}'s {settings}; merged anyway")
        for stored, row in obj["rows"].items():
            name = ROW_RENAMES.get((folder, stored), stored)
            if name in rows:
                warnings.append(f"{folder}: row '{name}' already read from {rows[name]['source']}; kept the first")
                continue
            row = {k: clean(v) for k, v in row.items()}
            evals = eval_metrics(folder, row_prefix(stored), family)
            for k, v in evals.items():
                if k not in row:
                    row[k] = v  # e.g. parity-gan-1000 predates the sharpness_ratio column
                elif abs(row[k] - v) > 1e-9 * max(1.0, abs(v)):
                    warnings.append(f"{folder}: '{name}' {k} is {row[k]} in parity.json but {v} in its eval file")
            row["source"] = "bench/results/" + folder
            rows[name] = row
    for folder, prefix, name in EXTRA_ROWS.get(family, []):
        row = eval_metrics(folder, prefix, family)
        if not row:
            continue
        lk_path = os.path.join(RESULTS, folder, f"{prefix}-{family}-likelihood.json")
        if os.path.exists(lk_path):
            with open(lk_path) as f:
                lk = json.load(f)["likelihood"]
            for src, dst in (("elbo_bpd", "elbo_bits_per_dim"), ("iwae_bpd", "iwae_bits_per_dim"),
                             ("bpd", "test_bits_per_dim")):
                if src in lk:
                    row[dst] = lk[src]
        row["source"] = f"bench/results/{folder}/{prefix}-{family}-*.json"
        rows[name] = row
    return rows, settings, folders


def seed_summary(family, pair_names, rows, table):
    """Per-seed FID ratios of (reference row, gen4j row) pairs, their mean, and each side's mean FID and recall."""
    missing = [n for pair in pair_names for n in pair if n not in rows]
    if missing:
        sys.exit(f"{family}: {table} names rows that no folder has: {', '.join(missing)}")
    pairs = [(rows[r], rows[g]) for r, g in pair_names]
    fid_ratios = [ratio(g["fid"], r["fid"]) for r, g in pairs]
    return {"pairs": [list(p) for p in pair_names], "fid_ratios": fid_ratios,
            "fid_ratio": sum(fid_ratios) / len(pairs),
            "fid_reference": sum(r["fid"] for r, _ in pairs) / len(pairs),
            "fid_gen4j": sum(g["fid"] for _, g in pairs) / len(pairs),
            "recall_reference": sum(r["recall"] for r, _ in pairs) / len(pairs),
            "recall_gen4j": sum(g["recall"] for _, g in pairs) / len(pairs)}


def consolidate(family, speed, default_row, readme, warnings):
    sp = speed[family]
    ref_s, gen_s = sp["rows"][REFERENCE], sp["rows"][SPEED_ROW]
    speed_ratio = ratio(gen_s["images_per_s"], ref_s["images_per_s"])
    if sp.get("speed_ratio") is not None and abs(sp["speed_ratio"] - speed_ratio) > 1e-9:
        warnings.append(f"{SPEED_FOLDER}: stored speed_ratio {sp['speed_ratio']} != recomputed {speed_ratio}")
    memory_ratio = ratio(gen_s["peak_rss_mib"], ref_s["peak_rss_mib"])

    rows, settings, folders = quality_rows(family, warnings)
    ref_row = REFERENCE_ROW.get(family, REFERENCE)
    if ref_row not in rows:
        sys.exit(f"{family}: no '{ref_row}' row in {QUALITY_FOLDERS[family]}")
    if default_row not in rows:
        sys.exit(f"{family}: gen4j's default is set to row '{default_row}', which none of {folders} has "
                 f"(rows: {', '.join(rows)})")
    ref, gen = rows[ref_row], rows[default_row]
    first = load_folder(folders[0])[family]
    stored_fid_ratio = first.get("fid_ratio")
    fid_ratio = ratio(gen.get("fid"), ref.get("fid"))
    if stored_fid_ratio is not None and abs(stored_fid_ratio - fid_ratio) > 1e-9:
        warnings.append(f"{folders[0]}: its stored fid_ratio {stored_fid_ratio:.2f} is that of its 'gen4j default' "
                        f"row; gen4j's default now is '{default_row}' ({fid_ratio:.2f})")
    seeds = None
    if family in SEED_PAIRS:
        seeds = seed_summary(family, SEED_PAIRS[family], rows, "SEED_PAIRS")
        fid_ratio = seeds["fid_ratio"]
        # the summary's FID columns: the means of each side over the seeds
        ref = dict(ref, fid=seeds["fid_reference"], recall=seeds["recall_reference"])
        gen = dict(gen, fid=seeds["fid_gen4j"], recall=seeds["recall_gen4j"])

    earlier = None
    if family in EARLIER_SEED_PAIRS:
        what, earlier_pairs = EARLIER_SEED_PAIRS[family]
        earlier = dict(seed_summary(family, earlier_pairs, rows, "EARLIER_SEED_PAIRS"), what=what)

    bpd = {}
    for side, row in (("reference", ref), ("gen4j", gen)):
        for k in BITS_PER_DIM_KEYS:
            if row.get(k) is not None:
                bpd[f"{k}_{side}"] = row[k]
    bpd_key = BITS_PER_DIM.get(family)
    bpd_diff = None
    if bpd_key and gen.get(bpd_key[0]) is not None and ref.get(bpd_key[0]) is not None:
        bpd_diff = gen[bpd_key[0]] - ref[bpd_key[0]]

    targets = {
        "fid": fid_ratio <= 1 if fid_ratio is not None else None,
        "recall": gen["recall"] >= ref["recall"]
        if gen.get("recall") is not None and ref.get("recall") is not None else None,
        "speed_1x": speed_ratio >= 1.0 if speed_ratio is not None else None,
        "speed_target": speed_ratio >= SPEED_TARGET[family] if speed_ratio is not None else None,
        "speed_target_value": SPEED_TARGET[family],
        "bits_per_dim": bpd_diff <= BITS_PER_DIM_TOLERANCE if bpd_diff is not None else None,
        "memory": gen_s["peak_rss_mib"] <= ref_s["peak_rss_mib"],
    }
    speed_source = describe_source(SPEED_FOLDER, readme)
    speed_source.update(row=SPEED_ROW, steps=sp["steps"], batch_size=sp["batch_size"],
                        repeats=len(gen_s.get("images_per_s_all") or [0]))
    quality_sources = [describe_source(f, readme) for f in folders]
    quality_sources[0]["default_row"] = default_row
    return {
        "family": family,
        "speed_ratio": speed_ratio,
        "fid_ratio": fid_ratio,
        "recall_ratio": ratio(gen.get("recall"), ref.get("recall")),
        "memory_ratio": memory_ratio,
        "quality_run_memory_ratio": ratio(gen.get("peak_rss_mib"), ref.get("peak_rss_mib")),
        "images_per_s_reference": ref_s["images_per_s"],
        "images_per_s_gen4j": gen_s["images_per_s"],
        "peak_rss_mib_reference": ref_s["peak_rss_mib"],
        "peak_rss_mib_gen4j": gen_s["peak_rss_mib"],
        "fid_reference": ref.get("fid"),
        "fid_gen4j": gen.get("fid"),
        "recall_reference": ref.get("recall"),
        "recall_gen4j": gen.get("recall"),
        **bpd,
        "bits_per_dim_compared": bpd_key[1] if bpd_key else None,
        "bits_per_dim_diff": bpd_diff,
        "steps": settings["steps"],
        "batch_size": settings["batch_size"],
        "samples": settings["samples"],
        "default_row": default_row,
        "seeds": seeds,
        "earlier_default_seeds": earlier,
        "targets_met": targets,
        "sources": {"speed": speed_source, "quality": quality_sources},
        "speed_rows": {k: {kk: clean(vv) for kk, vv in v.items()} for k, v in sp["rows"].items()},
        "quality_rows": rows,
    }


# --------------------------------------------------------------------------------------------- writing

def targets_cell(r):
    t = r["targets_met"]
    speed = f"speed {mark(t['speed_1x'])}"
    if t["speed_target_value"] != 1.0:
        speed += f" ({t['speed_target_value']:.1f}x {mark(t['speed_target'])})"
    return (f"FID {mark(t['fid'])} · recall {mark(t['recall'])} · {speed} · bits/dim {mark(t['bits_per_dim'])}"
            f" · memory {mark(t['memory'])}")


def runs_cell(value, all_values, digits):
    s = fmt(value, digits)
    if all_values and len(all_values) > 1:
        s += " (" + ", ".join(fmt(v, digits) for v in all_values) + ")"
    return s


def fid_cell(r):
    """The summary's FID numbers: both sides' FIDs, or for several seeds their means and each seed's ratio."""
    if not r.get("seeds"):
        return f"{fmt(r['fid_gen4j'], 1)} / {fmt(r['fid_reference'], 1)}"
    ratios = ", ".join(fmt(x, 2) for x in r["seeds"]["fid_ratios"])
    return (f"mean of {len(r['seeds']['fid_ratios'])} seeds' ratios: {ratios}; mean FID "
            f"{fmt(r['fid_gen4j'], 1)} / {fmt(r['fid_reference'], 1)}")


def markdown(results, warnings):
    out = ["# Parity with plain PyTorch: all four families", "",
           "Assembled by `bench/consolidate_parity.py` from the result folders below (regenerate with "
           "`/usr/bin/python3 bench/consolidate_parity.py`; do not edit by hand). Speed and peak memory are the "
           "identical network's, from one quiet-machine run of all four families; FID, recall and bits/dim are "
           "gen4j's *current default* recipe against the reference at equal steps, from one run per family "
           "(one seed each; " + " and ".join(f"{len(r['seeds']['pairs'])} training seeds on both sides for "
                                           f"{'the GAN' if r['family'] == 'gan' else r['family']}"
                                           for r in results if r["seeds"]) + ", whose summary ratio is the mean of the "
           "seeds' ratios and whose recall is each side's mean; the seeds' rows are marked); the quality runs' own images/s are left out (most of them shared the machine). "
           "README.md's \"Parity with plain PyTorch\" section has the caveats.", "",
           "| source | used for | command | date | gen4j runs |", "|---|---|---|---|---|"]
    seen = {}
    for r in results:
        for kind, srcs in (("speed", [r["sources"]["speed"]]), ("quality", r["sources"]["quality"])):
            for s in srcs:
                seen.setdefault(s["folder"], (s, []))[1].append(f"{r['family']} {kind}")
    for folder, (s, uses) in seen.items():
        cmd = f"`{s['command']}`" if s["command"] else "not recorded"
        if s["command_recorded_in"] == "README.md":
            cmd += " (as README.md records it)"
        out.append(f"| `{folder}/` | {', '.join(uses)} | {cmd} | {s['date'] or '-'} | "
                   f"{', '.join(s['gen4j_run_dates']) or '-'} |")

    out += ["", "## Summary", "",
            "| family | speed ratio (identical net) | FID ratio (default, equal steps) | recall gen4j / ref "
            "| bits/dim gen4j / ref | peak memory gen4j / ref | targets met |",
            "|---|---|---|---|---|---|---|"]
    for r in results:
        bpd = "-"
        if r["bits_per_dim_compared"]:
            key = BITS_PER_DIM[r["family"]][0]
            bpd = f"{fmt(r.get(key + '_gen4j'))} / {fmt(r.get(key + '_reference'))} ({r['bits_per_dim_compared']})"
        out.append(
            f"| {r['family']} | **{fmt(r['speed_ratio'], 2, 'x')}** ({fmt(r['images_per_s_gen4j'], 0)} / "
            f"{fmt(r['images_per_s_reference'], 0)} images/s) | **{fmt(r['fid_ratio'], 2, 'x')}** "
            f"({fid_cell(r)}, {r['steps']:,} steps) | "
            f"{fmt(r['recall_gen4j'])} / {fmt(r['recall_reference'])} | {bpd} | "
            f"{fmt(r['peak_rss_mib_gen4j'], 0)} / {fmt(r['peak_rss_mib_reference'], 0)} MiB "
            f"({fmt(r['memory_ratio'], 2, 'x')}) | {targets_cell(r)} |")
    out += ["",
            "Targets (README): FID of the default at equal steps ≤ the reference's (ratio ≤ 1) and recall no "
            "lower; speed on the identical network ≥ 1.0x, and 1.3x for the VAE, diffusion and the flow (where "
            "convolutions are not the whole step); bits/dim no more than "
            f"{BITS_PER_DIM_TOLERANCE} above the reference's (lower is better) where both sides compute the same quantity; peak memory "
            "of the identical network's training (the speed run) ≤ the reference's. – = not defined. Ratios are "
            "gen4j / reference. Speed runs vary by up to ±10% on this machine, so ratios near 1 are ties."]

    for r in results:
        fam = r["family"]
        sp = r["sources"]["speed"]
        out += ["", f"## {fam}", "",
                f"Speed, identical network ({sp['steps']} steps, batch {sp['batch_size']}, medians of "
                f"{sp['repeats']} alternated runs, each run in brackets; `{sp['folder']}/`):", "",
                *speed_table(r["speed_rows"])]
        for folder in LATER_SPEED_FOLDERS.get(fam, []):
            later = (load_folder(folder) or {}).get(fam)
            if later is None:
                continue
            labels = {"gen4j identical, baseline build": LATER_BASELINE_LABELS.get(folder)}
            out += ["", f"Repeated later (`{folder}/`, its parity.md says how): speed ratio "
                        f"{fmt(later.get('speed_ratio'), 2, 'x')}", "", *speed_table(later["rows"], labels)]
        folders = ", ".join(f"`{s['folder']}/`" for s in r["sources"]["quality"])
        out += ["", f"Quality at equal steps ({r['steps']:,} steps, batch {r['batch_size']}, {r['samples']:,} samples "
                    f"of each against held-out test images; {folders}):", ""]
        cols = [c for c in QUALITY_COLUMNS if any(row.get(c[0]) is not None for row in r["quality_rows"].values())]
        out += ["| implementation | " + " | ".join(c[1] for c in cols) + " |", "|---|" + "---|" * len(cols)]
        for name, row in r["quality_rows"].items():
            label = name
            if name == r["default_row"]:
                label = f"**{name}** (gen4j's default now)"
            elif (fam, name) in ROW_NOTES:
                label = f"{name} ({ROW_NOTES[(fam, name)]})"
            out.append(f"| {label} | " + " | ".join(fmt(row.get(k), d) for k, _, d in cols) + " |")
        e = r.get("earlier_default_seeds")
        if e:
            out += ["", f"Earlier default, {e['what']}: FID ratio {fmt(e['fid_ratio'], 2, 'x')} (mean of "
                        + ", ".join(fmt(x, 2, "x") for x in e["fid_ratios"]) + f"), recall {fmt(e['recall_gen4j'])} "
                        f"against {fmt(e['recall_reference'])}."]
        if fam == "diffusion" and r["default_row"] == "gen4j default":
            out += ["", "The speed row is the identical U-Net (no attention); the quality row of gen4j's default "
                        "is its own network (with attention), so the two gen4j rows differ in parameters."]
    if warnings:
        out += ["", "## Checks", "", "Differences between the inputs that this table resolves or flags:", ""]
        out += [f"- {w}" for w in warnings]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--default-row", action="append", default=[], metavar='FAMILY="ROW NAME"',
                    help="which quality row is gen4j's default now, e.g. diffusion=\"gen4j identical\" "
                         "(repeatable; defaults: " + ", ".join(f"{k}={v!r}" for k, v in DEFAULT_ROW.items()) + ")")
    ap.add_argument("--out", default=RESULTS, help="folder for parity.md and parity.json (default: bench/results)")
    a = ap.parse_args()
    defaults = dict(DEFAULT_ROW)
    for item in a.default_row:
        fam, sep, row = item.partition("=")
        if not sep or fam not in FAMILIES:
            ap.error(f"--default-row {item!r}: expected FAMILY=ROW with FAMILY one of {', '.join(FAMILIES)}")
        defaults[fam] = row.strip().strip('"\'')

    speed = load_folder(SPEED_FOLDER)
    if speed is None:
        sys.exit(f"missing {rel(os.path.join(RESULTS, SPEED_FOLDER, 'parity.json'))}")
    readme = readme_parity_section()
    warnings = []
    results = [consolidate(fam, speed, defaults[fam], readme, warnings) for fam in FAMILIES]
    for w in warnings:
        print("note: " + w, file=sys.stderr)

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "parity.json"), "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")
    with open(os.path.join(a.out, "parity.md"), "w") as f:
        f.write(markdown(results, warnings))
    print(f"wrote {rel(os.path.join(a.out, 'parity.md'))} and {rel(os.path.join(a.out, 'parity.json'))}")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Training throughput of two gen4j builds on the same networks and recipes, back to back per family
# (issue 14's "before and after"): OLD=/path/to/old/checkout/gen4j NEW=./gen4j bench/before_after.sh OUT [STEPS]
# images/s over steps 21..STEPS from each run's metrics.jsonl; peak RSS from /usr/bin/time.
set -euo pipefail
out="$1"; steps="${2:-100}"
old="${OLD:?set OLD to the launcher of the older build}"; new="${NEW:-$(dirname "$0")/../gen4j}"
mkdir -p "$out"
common=(--steps "$steps" --batch-size 128 --seed 42 --log-every 20 --sample-every 0 --eval-every 0
        --checkpoint-every "$steps" --checkpoint-minutes 1000)
declare -A args=(
  [vae]="train vae --lr 1e-3 --warmup 0 --no-cosine --clip 0 --ema 0"
  [gan]="train gan --preset plain --warmup 0 --no-cosine --clip 0 --ema 0"
  [diffusion]="train diffusion --widths 32,64,64 --no-attention --lr 2e-4 --warmup 100 --no-cosine --clip 1 --ema 0.999"
  [flow]="train flow")
for fam in vae gan diffusion flow; do
  for side in old new; do
    bin=$old; [ $side = new ] && bin=$new
    extra=(); [ $side = new ] && [ $fam = gan ] && extra=(--g-blocks pixelnorm) # the old generator
    d="$out/$side-$fam"; rm -rf "$d"; mkdir -p "$d"
    /usr/bin/time -f "%M" -o "$d/rss_kb" "$bin" ${args[$fam]} "${extra[@]}" "${common[@]}" --out "$d" > "$d/train.log" 2>&1
    python3 - "$d" "$steps" "$fam" "$side" <<'PY'
import glob, json, sys
d, steps, fam, side = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = {}
for line in open(glob.glob(d + "/*/metrics.jsonl")[0]):
    o = json.loads(line)
    if o["kind"] == "train":
        t[o["step"]] = o["time"]
ips = 128 * (steps - 20) / (t[steps] - t[20])
rss = int(open(d + "/rss_kb").read()) / 1024
print(json.dumps({"family": fam, "build": side, "images_per_s": round(ips, 1), "peak_rss_mib": round(rss)}), flush=True)
PY
  done
done

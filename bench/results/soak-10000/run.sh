#!/usr/bin/env bash
# 10,000-step memory soak (issue 16), one family after the other, on one PyTorch thread (a parity job shares the machine). Fixed 1 GiB pre-touched Java heap,
# so RSS growth is native memory.
cd /work/soak
for spec in "vae 4" "gan 4" "flow 4" "vaegan 4" "diffusion 4"; do
  set -- $spec
  echo "== $1 batch $2 start $(date +%T)" >> soak.log
  OMP_NUM_THREADS=1 java -Dai.djl.pytorch.num_threads=1 -XX:+UseSerialGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dai.djl.offline=true -jar gen4j.jar bench memory --family $1 --steps 10000 --batch-size $2 --every 500 > soak-$1.log 2>&1
  echo "== $1 exit $? end $(date +%T)" >> soak.log
done

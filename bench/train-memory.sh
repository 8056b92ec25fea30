#!/usr/bin/env bash
# Issue 5, the paper's resource claims at a realistic size: full-ft vs adapter vs cmer on a ViT-B/32-shape CLIP
# (random weights: memory and speed do not depend on the values) on sample-data, same batch, one JVM per method
# so each peak (VmHWM) is that run's own. Prints `cmer bench train`'s table (peak, peak above idle, pairs/s).
#   bench/train-memory.sh [OUT_DIR] [STEPS] [BATCH]        e.g. bench/train-memory.sh runs/vitb32 8 32
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cmer="${CMER:-$here/cmer}"
out="${1:-runs/vitb32-$(date +%Y%m%d-%H%M%S)}"; steps="${2:-8}"; batch="${3:-32}"
model="$out/model-vit-b-32"                      # config.json + the sample tokenizer, no weights: random init
mkdir -p "$model"
cp "$here/src/main/resources/cmer/nn/models/vit-b-32.json" "$model/config.json"
cp "$here/sample-data/models/tiny-clip/tokenizer.json" "$model/tokenizer.json"
common=(--set data.path=sample-data --set model.backbone="$model" --set batchSize="$batch" --set maxSteps="$steps"
        --set epochs=1 --set logEvery=1 --set schedule.warmupSteps=2 --set cmer.queue.size=256
        --set data.test=val)                     # the recalls of a few random-weight steps mean nothing: evaluate the small split only
declare -A extra=([full-ft]="optim.lr=0.00001" [adapter]="" [cmer]="")
for name in full-ft adapter cmer; do
  [ -f "$out/$name/eval.json" ] && continue
  rm -rf "$out/$name"
  sets=(--set method="$name"); for kv in ${extra[$name]}; do sets+=(--set "$kv"); done
  echo "== $name" >&2
  /usr/bin/time -f "$name wall %e s, max RSS %M KiB" "$cmer" train --run-dir "$out/$name" "${common[@]}" "${sets[@]}" \
    2>>"$out/times.txt" >/dev/null || echo "$name FAILED (see $out/times.txt and $out/$name/train.log)" >&2
done
"$cmer" bench train "$out"

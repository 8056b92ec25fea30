#!/usr/bin/env bash
# Issue 5 results: zero-shot, full-ft, adapter, cmer and the CMER ablations on sample-data at the same batch size,
# one JVM per run (so each peak memory is that run's own), then one table + the attention check.
#   bench/train-methods.sh [OUT_DIR] [extra --set args...]     e.g. bench/train-methods.sh runs/bench --set epochs=2
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cmer="${CMER:-$here/cmer}"
out="${1:-runs/bench-$(date +%Y%m%d-%H%M%S)}"; shift || true
common=(--set data.path=sample-data --set batchSize=32 --set epochs=3 --set optim.lr=0.001 --set schedule.warmupSteps=20
        --set logEvery=5 --set cmer.queue.size=1024 "$@")
declare -A variants=(
  [1-zero-shot]="method=zero-shot"
  [2-full-ft]="method=full-ft optim.lr=0.0001"
  [3-adapter]="method=adapter"
  [4-cmer]="method=cmer"
  [5-cmer-no-focus]="method=cmer cmer.side.focusLayer=false"
  [6-cmer-no-scene-aug]="method=cmer cmer.scene.augment=false"
  [7-cmer-no-queue]="method=cmer cmer.queue.enabled=false"
  [8-cmer-queue-4k]="method=cmer cmer.queue.size=4096"
)
mkdir -p "$out"
for name in $(printf '%s\n' "${!variants[@]}" | sort); do
  [ -f "$out/$name/eval.json" ] && continue                      # finished earlier: keep it
  rm -rf "$out/$name"
  sets=(); for kv in ${variants[$name]}; do sets+=(--set "$kv"); done
  echo "== $name: ${variants[$name]}" >&2
  /usr/bin/time -f "$name wall %e s" "$cmer" train --run-dir "$out/$name" "${common[@]}" "${sets[@]}" 2>>"$out/times.txt" >/dev/null \
    || echo "$name FAILED (see $out/times.txt and $out/$name/train.log)" >&2
done
"$cmer" bench train "$out" --attention "$out/4-cmer"

#!/usr/bin/env bash
# Java (DJL) vs PyTorch forward throughput for CLIP ViT-B/32, batch 32, back to back in one shell, N rounds.
#   bench/compare.sh [rounds=2] [threads=2] [batch=32] [passes=3]
# Both sides get the same glibc allocator settings and thread count; prints one table row per round and side,
# then the ratios Java time / PyTorch time (goal <= 1.15), from wall time and from process CPU time (steadier
# when other work shares the cores).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-2}"; threads="${2:-2}"; batch="${3:-32}"; passes="${4:-3}"
export OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912
echo "# $(date -u +%FT%TZ)  $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), threads=$threads, batch=$batch, passes=$passes (median)"
printf '%-6s %-34s %10s %11s %12s %11s\n' round side images/s captions/s "img cpu s" "txt cpu s"
for r in $(seq 1 "$rounds"); do
  j=$("$here/cmer" bench model --threads "$threads" --batch "$batch" --passes "$passes" --json)
  p=$(/usr/bin/python3 "$here/src/test/python/bench_clip_forward.py" --threads "$threads" --batch "$batch" --passes "$passes" --json)
  q=$(/usr/bin/python3 "$here/src/test/python/bench_clip_forward.py" --threads "$threads" --batch "$batch" --passes "$passes" --json --plain)
  /usr/bin/python3 - "$r" "$j" "$p" "$q" <<'PY'
import json, sys
r, j, p, q = sys.argv[1], *(json.loads(a) for a in sys.argv[2:])
rows = [("java (DJL 0.33, libtorch 2.5.1)", j), ("pytorch 1.13 nn.MultiheadAttention", p), ("pytorch 1.13 plain attention", q)]
for name, d in rows:
    print("%-6s %-34s %10s %11s %12s %11s" % (r, name, d["images/s"], d["captions/s"], d["image cpu s"], d["text cpu s"]))
for name, d in rows[1:]:
    print("%-6s ratio vs %-25s %10.2f %11.2f %12.2f %11.2f" % (r, name.split(" ", 2)[2],
          float(d["images/s"]) / float(j["images/s"]), float(d["captions/s"]) / float(j["captions/s"]),
          float(j["image cpu s"]) / float(d["image cpu s"]), float(j["text cpu s"]) / float(d["text cpu s"])))
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

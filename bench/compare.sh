#!/usr/bin/env bash
# Forward throughput of CLIP ViT-B/32 (random weights, fp32, no grad), back to back in one shell, N rounds:
#   java-blocks   cmer bench model: our DJL blocks on DJL's libtorch 2.5.1 (bundled MKL)
#   java-script   the same towers traced by PyTorch, run in DJL's libtorch 2.5.1 with one JNI call per pass
#   torch-mha     Debian PyTorch 1.13 (OpenBLAS), open_clip-style nn.MultiheadAttention
#   torch-plain   Debian PyTorch 1.13, attention written like cmer.nn.MultiHeadAttention
# Ratios are time(java-blocks) / time(other) (goal <= 1.15), from wall time and from process CPU time (steadier
# when other work shares the cores). java-blocks / java-script isolates DJL's per-op overhead (same libtorch, same
# BLAS); java-blocks / torch-* also contains libtorch 2.5.1+MKL versus 1.13+OpenBLAS.
#   bench/compare.sh [rounds=2] [threads=2] [batch=32] [passes=3]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-2}"; threads="${2:-2}"; batch="${3:-32}"; passes="${4:-3}"
export OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912
ts="$(mktemp -d)"; trap 'rm -rf "$ts"' EXIT
py=(/usr/bin/python3 "$here/src/test/python/bench_clip_forward.py" --threads "$threads" --batch "$batch" --passes "$passes" --json)
echo "# $(date -u +%FT%TZ)  $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), threads=$threads, batch=$batch, passes=$passes (median)"
printf '%-6s %-22s %9s %11s %10s %10s\n' round side images/s captions/s "img cpu s" "txt cpu s"
for r in $(seq 1 "$rounds"); do
  j=$("$here/cmer" bench model --threads "$threads" --batch "$batch" --passes "$passes" --json)
  p=$("${py[@]}" --save-torchscript "$ts")
  q=$("${py[@]}" --plain)
  s=$(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" "$here/bench/TorchScriptForward.java" "$ts" "$batch" "$passes" | tail -1)
  /usr/bin/python3 - "$r" "$j" "$s" "$p" "$q" <<'PY'
import json, sys
r, j, s, p, q = sys.argv[1], *(json.loads(a) for a in sys.argv[2:])
rows = [("java-blocks", j), ("java-script", s), ("torch-mha", p), ("torch-plain", q)]
for name, d in rows:
    print("%-6s %-22s %9s %11s %10s %10s" % (r, name, d["images/s"], d["captions/s"], d["image cpu s"], d["text cpu s"]))
for name, d in rows[1:]:
    print("%-6s %-22s %9.2f %11.2f %10.2f %10.2f" % (r, "ratio vs " + name,
          float(d["images/s"]) / float(j["images/s"]), float(d["captions/s"]) / float(j["captions/s"]),
          float(j["image cpu s"]) / float(d["image cpu s"]), float(j["text cpu s"]) / float(d["text cpu s"])))
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

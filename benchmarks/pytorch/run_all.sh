#!/usr/bin/env bash
# Every measurement of benchmarks/results/pytorch-baseline.md, one JSON line each, to
# the file named by $1 (default pytorch-baseline.jsonl in the current folder); then
# TokenCut's and MaskCut's (run_ncut.sh), where their checkouts are given.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-pytorch-baseline.jsonl}"
: > "$out"
for threads in 1 2; do
  for shape in "768 384 30 3" "1200 384 30 3" "1200 768 30 3" "4800 384 10 2"; do
    read -r n d runs repeats <<< "$shape"
    /usr/bin/python3 "$here/bench_lost_kernel.py" --n "$n" --d "$d" --threads "$threads" \
      --runs "$runs" --repeats "$repeats" --json >> "$out"
  done
done
for threads in 1 2; do
  /usr/bin/python3 "$here/bench_dino_pipeline.py" --size 480x640 --threads "$threads" \
    --runs 5 --warmup 1 --repeats 2 --json >> "$out"
done

"$here/run_ncut.sh" "$out"

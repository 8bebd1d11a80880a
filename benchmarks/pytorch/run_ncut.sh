#!/usr/bin/env bash
# The official TokenCut and MaskCut (bench_ncut.py) at N = 1200, 2400, 4800 and 1 and 2
# threads, one JSON line each, appended to the file named by $1 (default ncut-baseline.jsonl
# in the current folder). Needs checkouts of the official code named by TOKENCUT_REPO
# (github.com/YangtaoWANG95/TokenCut) and CUTLER_REPO (github.com/facebookresearch/CutLER);
# without them it says so and does nothing. The keys are the C# benchmarks' own synthetic
# keys, written by `lost bench ... --save-keys` ($LOST, default: this repository's Release
# build, so run `dotnet build -c Release` first). MaskCut's reference cannot run on the 3:4
# grids: its record for each says so, and it is timed on the square grid of similar N
# instead (stands_in_for in that record).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-ncut-baseline.jsonl}"
if [[ -z "${TOKENCUT_REPO:-}" || -z "${CUTLER_REPO:-}" ]]; then
  echo "run_ncut.sh: TOKENCUT_REPO and CUTLER_REPO are not both set; TokenCut and MaskCut skipped" >&2
  exit 0
fi
root="$(cd "$here/../.." && pwd)"
read -r -a lost <<< "${LOST:-dotnet $root/src/LostEngine.Cli/bin/Release/net10.0/lost.dll}"
# The keys go to $KEYS_DIR when it is set (kept, so the records' "keys" paths stay valid), else to a
# temporary folder removed at the end.
if [[ -n "${KEYS_DIR:-}" ]]; then
  keys="$KEYS_DIR"
  mkdir -p "$keys"
else
  keys="$(mktemp -d)"
  trap 'rm -rf "$keys"' EXIT
fi
repos=(--tokencut-repo "$TOKENCUT_REPO" --cutler-repo "$CUTLER_REPO")
# grid, square grid of similar N, timed runs, warm-up runs (one call at N = 4800 takes seconds)
for shape in "30x40 35x35 5 1" "40x60 49x49 3 1" "60x80 69x69 2 0"; do
  read -r grid square runs warmup <<< "$shape"
  "${lost[@]}" bench tokencut --grid "$grid" --runs 1 --warmup 0 --save-keys "$keys/$grid.npy" > /dev/null
  "${lost[@]}" bench maskcut --grid "$square" --runs 1 --warmup 0 --save-keys "$keys/$square.npy" > /dev/null
  for threads in 1 2; do
    common=(--threads "$threads" --runs "$runs" --warmup "$warmup" --json "${repos[@]}")
    /usr/bin/python3 "$here/bench_ncut.py" --keys "$keys/$grid.npy" --grid "$grid" "${common[@]}" >> "$out"
    /usr/bin/python3 "$here/bench_ncut.py" --keys "$keys/$square.npy" --grid "$square" --method maskcut \
      --stands-in-for "$grid" "${common[@]}" >> "$out"
  done
done

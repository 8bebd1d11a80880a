#!/usr/bin/env bash
# Times `lost model import` on the checkpoints released_checkpoints.py wrote to DIR, and compares the keys of each
# imported model with the official code's: one JSON line per model (import times, sizes, relative key error).
#   bash benchmarks/import/run_import.sh DIR [NAME ...]
set -euo pipefail
dir=$1; shift
lost=${LOST:-dotnet src/LostEngine.Cli/bin/Release/net10.0/lost.dll}
image=tests/fixtures/tiny/odd_37x53.png
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(cd "$dir" && ls *.pth | sed 's/\.pth$//')
fi
for name in "${names[@]}"; do
  rm -f "$dir/$name.onnx" "$dir/$name.onnx.data"
  start=$(date +%s.%N)
  import=$($lost model import "$dir/$name.pth" --output "$dir/$name.onnx" --quiet)
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  $lost features "$image" --model "$dir/$name.onnx" --output "$dir/$name.k.npy" > /dev/null
  /usr/bin/python3 - "$dir" "$name" "$wall" "$import" <<'PY'
import json, os, sys
import numpy as np
folder, name, wall, imported = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
official = np.load(os.path.join(folder, f"{name}.official.k.npy"))
engine = np.load(os.path.join(folder, f"{name}.k.npy"))
error = float(np.abs(engine - official).max() / np.abs(official).max())
print(json.dumps({"name": name, "checkpoint_bytes": os.path.getsize(os.path.join(folder, f"{name}.pth")),
                  "model_bytes": imported["bytes"], "external_data": imported["external_data"] is not None,
                  "read_s": imported["read_seconds"], "write_s": imported["write_seconds"], "wall_s": round(wall, 2),
                  "key_relative_error": error}))
PY
done

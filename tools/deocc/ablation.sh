#!/usr/bin/env bash
# The de-occlusion distillation ablation (issue 6): trains one student per recipe in
# recipes/deocc-ablation/ (same data, seed and schedule; only the loss terms or the inpainting
# differ) and scores each on LFW folds 6-10 with `eval aligned` (aligned crops of the clean
# photos, synthetic mask drawn on the crop, probe masked). Reports go to
# docs/results/deocc-ablation/ with a README table; run records and weights to runs/deocc-ablation/.
#
#   tools/deocc/ablation.sh [VARIANT...]     (default: every recipe in recipes/deocc-ablation)
set -euo pipefail
cd "$(dirname "$0")/../.."
LFW=${LFW:-../shared/data/lfw150}
OUT=docs/results/deocc-ablation
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for r in recipes/deocc-ablation/*.json; do variants+=("$(basename "$r" .json)"); done
fi
for v in "${variants[@]}"; do
  run=runs/deocc-ablation/$v
  if [ ! -f "$run/deocc-student.json" ]; then
    rm -rf "$run"
    ./maskface train deocc --config "recipes/deocc-ablation/$v.json" --out "$run"
  fi
  ./maskface eval aligned --root "$LFW" --pairs "$LFW/pairs.txt" --method deocc --weights "$run/deocc-student.json" \
    --label "deocc-$v" --folds 6-10 --mask probe --seed 1 --out "$OUT"
done
# the shipped student (recipes/deocc.json, 3,000 steps) on the same protocol, for reference
./maskface eval aligned --root "$LFW" --pairs "$LFW/pairs.txt" --method deocc --label deocc-shipped \
  --folds 6-10 --mask probe --seed 1 --out "$OUT"
./maskface eval table --dir "$OUT"

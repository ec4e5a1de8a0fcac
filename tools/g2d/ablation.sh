#!/usr/bin/env bash
# The G2D stage ablation (issue 7): trains one model per recipe in recipes/g2d-ablation/ (the
# shipped recipe with one stage changed, classifier stages off) and scores it with `eval aligned`
# on LFW folds 6-10 (aligned crops of the clean photos, synthetic mask drawn on the crop; probe
# masked and both masked), beside the shipped run's backbone after the reformer stage
# (runs/g2d/after-reformer: no classifier finetuning) and the shipped model (all stages).
# Reports go to docs/results/g2d-ablation/ with a README table; run records and weights to
# runs/g2d-ablation/.
#
#   tools/g2d/ablation.sh [VARIANT...]     (default: every recipe in recipes/g2d-ablation)
set -euo pipefail
cd "$(dirname "$0")/../.."
LFW=${LFW:-../shared/data/lfw150}
OUT=docs/results/g2d-ablation
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for r in recipes/g2d-ablation/*.json; do variants+=("$(basename "$r" .json)"); done
fi
score() { # weights label
  ./maskface eval aligned --root "$LFW" --pairs "$LFW/pairs.txt" --method g2d --weights "$1" \
    --label "$2" --folds 6-10 --mask probe,both --seed 1 --out "$OUT"
}
for v in "${variants[@]}"; do
  run=runs/g2d-ablation/$v
  if [ ! -f "$run/g2d.json" ]; then
    rm -rf "$run"
    ./maskface train g2d --config "recipes/g2d-ablation/$v.json" --out "$run"
  fi
  score "$run/g2d.json" "g2d-$v"
done
# the shipped run (recipes/g2d.json): its backbone before the classifier stages, and as shipped
score runs/g2d/after-reformer/g2d.json g2d-no-classifier-finetuning
score models/maskface/g2d.json g2d-shipped
./maskface eval table --dir "$OUT"

#!/usr/bin/env bash
# The MEER ablation (issue 8): trains one model per recipe in recipes/meer-ablation/ (the shipped
# recipe with one part switched off: the mask decoupling head, the face synthesis decoder, or the
# id-preserving loss) and scores it with `eval aligned` on LFW folds 6-10 (aligned crops of the
# clean photos, synthetic mask drawn on the crop; probe masked and both masked), beside the
# shipped model. Reports go to docs/results/meer-ablation/ with a README table; run records and
# weights to runs/meer-ablation/.
#
#   tools/meer/ablation.sh [VARIANT...]     (default: every recipe in recipes/meer-ablation)
set -euo pipefail
cd "$(dirname "$0")/../.."
LFW=${LFW:-../shared/data/lfw150}
OUT=docs/results/meer-ablation
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for r in recipes/meer-ablation/*.json; do variants+=("$(basename "$r" .json)"); done
fi
score() { # weights label
  ./maskface eval aligned --root "$LFW" --pairs "$LFW/pairs.txt" --method meer --weights "$1" \
    --label "$2" --folds 6-10 --mask probe,both --seed 1 --out "$OUT"
}
for v in "${variants[@]}"; do
  run=runs/meer-ablation/$v
  if [ ! -f "$run/meer.json" ]; then
    rm -rf "$run"
    ./maskface train meer --config "recipes/meer-ablation/$v.json" --out "$run"
  fi
  score "$run/meer.json" "meer-$v"
done
score models/maskface/meer.json meer-shipped
./maskface eval table --dir "$OUT"

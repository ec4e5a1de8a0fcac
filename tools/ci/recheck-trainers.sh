#!/usr/bin/env bash
# A short run of every trainer on the real training data (LFW folds 1-5, the shipped recipes with
# fewer steps), each with a GC log; prints per trainer the steps, the updates refused for non-finite
# gradients (the step loop logs them as "refusedUpdates") and the garbage collections during the run.
# Run records (config, seed, commit, metrics, curves) stay in runs/recheck/<trainer>/; weights are
# deleted (a check, not a model).
#   usage: tools/ci/recheck-trainers.sh [STEPS]   (default 300; G2D gets 2 x STEPS over its stages)
set -euo pipefail
cd "$(dirname "$0")/../.."
steps="${1:-300}"
out=runs/recheck
mkdir -p "$out"
run() { # name, train subcommand, recipe, steps
  local name=$1 cmd=$2 recipe=$3 n=$4 dir="$out/$1"
  rm -rf "$dir"
  mkdir -p "$out/logs"
  local start=$SECONDS
  MASKFACE_JAVA_OPTS="-Xmx6g -Xlog:gc:file=$out/logs/$name-gc.log" \
    ./maskface train "$cmd" --recipe "$recipe" --out "$dir" --steps "$n" >"$out/logs/$name.log" 2>&1
  local refused collections
  refused=$( (grep -h '"refusedUpdates"' "$dir"/metrics.jsonl "$dir"/*/metrics.jsonl 2>/dev/null || true) | wc -l)
  collections=$(grep -c 'Pause' "$out/logs/$name-gc.log" || true)
  find "$dir" -name '*.bin' -delete
  echo "$name: $n steps, refused updates: $refused, garbage collections: $collections, $((SECONDS - start)) s"
}
run occlusion occlusion recipes/occlusion-unet.json "$steps"
run landmarks landmarks recipes/landmark-refiner.json "$steps"
run inpainter inpainter recipes/inpainter.json "$steps"
run deocc deocc recipes/deocc.json "$steps"
run g2d g2d recipes/g2d.json $((2 * steps))
run meer meer recipes/meer.json "$steps"

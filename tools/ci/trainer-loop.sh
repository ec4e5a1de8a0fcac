#!/usr/bin/env bash
# Runs the trainer test classes N times in a row (default 10) on the current build and prints, per
# run, the tests run / failed / in error. A trainer
# test must pass every time: a tiny run on fixed data, fixed seeds and one PyTorch thread is
# deterministic, so any failure here is a defect, not bad luck.
#   usage: tools/ci/trainer-loop.sh [N]   (after `mvn test-compile` or a full `mvn test`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
classes="OcclusionTrainerTest,InpainterTrainerTest,DistillTrainerTest,G2dTrainerTest,MeerTrainerTest"
failed_runs=0
for i in $(seq 1 "$runs"); do
  log="target/trainer-loop-$i.log"
  status=0
  mvn -B -o -Dstyle.color=never surefire:test -Dtest="$classes" >"$log" 2>&1 || status=$?
  summary=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
    | tail -1 | sed -E 's/^\[[A-Z]+\] //')
  echo "run $i: ${summary:-no summary (see $log)}; exit $status"
  [ "$status" -eq 0 ] || failed_runs=$((failed_runs + 1))
done
echo "$failed_runs of $runs runs failed"
[ "$failed_runs" -eq 0 ]

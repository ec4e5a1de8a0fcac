#!/usr/bin/env bash
# Load test of `maskface serve` on loopback with wrk, recognising a masked photo in a closed loop
# at three loads: the server's capacity (one connection per worker), twice that (requests wait in
# the queue), and twice its admission capacity (2 x (workers + queue) connections: the excess is
# refused with 429); then the bad-input suite (bad-input.sh) and a health check. Writes
# docs/bench/load.json (or $1).
# Needs wrk (apt-get install wrk). Usage: tools/load/load-test.sh [OUT.json] [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:-$ROOT/docs/bench/load.json}"
SECONDS_PER_RUN="${2:-60}"
PORT=8097
KEY="load-test-key"
WORKERS=2
QUEUE=8
PHOTO="$ROOT/samples/masked/lfw_colin_powell_0133_simple.png"
command -v wrk >/dev/null || { echo "load-test: wrk not found (apt-get install wrk)" >&2; exit 1; }
GALLERY="$(mktemp -d)"
LOG="$(mktemp)"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$GALLERY" "$LOG"; }
trap cleanup EXIT

"$ROOT/maskface" serve --port $PORT --api-key $KEY --gallery "$GALLERY/g" --workers $WORKERS --queue $QUEUE \
  --timeout-s 10 >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "load-test: server did not start" >&2; cat "$LOG" >&2; exit 1; }

export MASKFACE_KEY=$KEY MASKFACE_PHOTO="$PHOTO"
run() { # connections seconds
  wrk -t1 -c"$1" -d"$2"s --timeout 30s -s "$ROOT/tools/load/recognize.lua" "http://127.0.0.1:$PORT" | tail -1
}
echo "load-test: warm-up" >&2
run $WORKERS 10 >/dev/null
echo "load-test: at capacity ($WORKERS connections, ${SECONDS_PER_RUN}s)" >&2
AT=$(run $WORKERS "$SECONDS_PER_RUN")
echo "load-test: at 2x capacity ($((2 * WORKERS)) connections, ${SECONDS_PER_RUN}s)" >&2
TWICE=$(run $((2 * WORKERS)) "$SECONDS_PER_RUN")
OVER=$((2 * (WORKERS + QUEUE)))
echo "load-test: at 2x admission capacity ($OVER connections, ${SECONDS_PER_RUN}s)" >&2
ADMISSION=$(run $OVER "$SECONDS_PER_RUN")
echo "load-test: bad-input suite" >&2
BADINPUT=$("$ROOT/tools/load/bad-input.sh" $PORT $KEY)
sleep 12 # let the requests left in the queue by the overload finish (time limit 10 s)
HEALTH=$(curl -s "http://127.0.0.1:$PORT/health")
AFTER=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" -F "image=@$PHOTO" "http://127.0.0.1:$PORT/v1/recognize")

mkdir -p "$(dirname "$OUT")"
cat >"$OUT" <<JSON
{
  "command": "tools/load/load-test.sh $(basename "$OUT") $SECONDS_PER_RUN",
  "commit": "$(git -C "$ROOT" rev-parse --short HEAD)",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "machine": "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1 | tr -d '"')",
  "client": "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), 1 thread, on the same machine as the server (loopback)",
  "server": {"workers": $WORKERS, "queue": $QUEUE, "timeoutS": 10, "pytorchThreadsPerWorker": 1, "gallerySubjects": 4},
  "request": "POST /v1/recognize?top=3, multipart, $(basename "$PHOTO") ($(stat -c %s "$PHOTO") bytes, 150x150, synthetic mask)",
  "atCapacity": {"connections": $WORKERS, "result": $AT},
  "atTwiceCapacity": {"connections": $((2 * WORKERS)), "result": $TWICE},
  "atTwiceAdmissionCapacity": {"connections": $OVER, "result": $ADMISSION},
  "badInput": $BADINPUT,
  "healthAfter": $HEALTH,
  "recognizeAfterStatus": $AFTER
}
JSON
cat "$OUT"

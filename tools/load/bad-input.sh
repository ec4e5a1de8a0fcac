#!/usr/bin/env bash
# Bad-input suite against a running `maskface serve`: each bad request with curl, its HTTP status,
# error code and message as one JSON array on stdout, then /health. Usage: bad-input.sh PORT KEY
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="$1"
KEY="$2"
URL="http://127.0.0.1:$PORT"
BAD="$ROOT/src/test/resources/badinput"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
head -c $((11 * 1024 * 1024)) /dev/urandom >"$TMP/oversized.jpg"

first=1
echo "["
case_() { # name, then curl arguments
  local name="$1"; shift
  local body status
  status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$@" || echo 000)
  body=$(cat "$TMP/body" 2>/dev/null || true)
  [ $first -eq 1 ] || echo ","
  first=0
  python3 - "$name" "$status" "$body" <<'PY'
import json, sys
name, status, body = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    err = json.loads(body).get("error", {})
except Exception:
    err = {"code": None, "message": body[:200]}
print(json.dumps({"case": name, "status": status, "code": err.get("code"), "message": err.get("message")}), end="")
PY
}
K=(-H "X-API-Key: $KEY")
case_ "corrupt JPEG" "${K[@]}" -F "image=@$BAD/corrupt.jpg" "$URL/v1/recognize"
case_ "truncated JPEG" "${K[@]}" -F "image=@$BAD/truncated.jpg" "$URL/v1/recognize"
case_ "truncated PNG" "${K[@]}" -F "image=@$BAD/truncated.png" "$URL/v1/recognize"
case_ "empty file" "${K[@]}" -F "image=@$BAD/empty.jpg" "$URL/v1/recognize"
case_ "20000x20000 PNG header (decompression bomb)" "${K[@]}" -F "image=@$BAD/huge.png" "$URL/v1/recognize"
case_ "oversized upload (11 MB)" "${K[@]}" -F "image=@$TMP/oversized.jpg" "$URL/v1/recognize"
case_ "non-image (text)" "${K[@]}" -F "image=@$BAD/text.jpg" "$URL/v1/recognize"
case_ "non-image (README as image/png body)" "${K[@]}" -H "Content-Type: image/png" --data-binary "@$ROOT/README.md" "$URL/v1/recognize"
case_ "faceless photo" "${K[@]}" -F "image=@$ROOT/src/test/resources/detection/face-free/calla-4.png" "$URL/v1/recognize"
case_ "random noise" "${K[@]}" -F "image=@$BAD/noise.png" "$URL/v1/recognize"
case_ "wrong content type (JSON)" "${K[@]}" -H "Content-Type: application/json" -d '{"image":"x"}' "$URL/v1/recognize"
case_ "missing image field" "${K[@]}" -F "top=3" "$URL/v1/recognize"
case_ "missing key" -F "image=@$ROOT/samples/faces/lfw_laura_bush_0011.png" "$URL/v1/recognize"
case_ "wrong key" -H "X-API-Key: guess" -F "image=@$ROOT/samples/faces/lfw_laura_bush_0011.png" "$URL/v1/recognize"
case_ "wrong key, delete" -H "X-API-Key: guess" -X DELETE "$URL/v1/subjects/Laura%20Bush"
case_ "enrol a faceless photo" "${K[@]}" -F "image=@$BAD/noise.png" "$URL/v1/subjects/Nobody/faces"
case_ "verify an unknown subject" "${K[@]}" -F "image=@$ROOT/samples/faces/lfw_laura_bush_0011.png" -F subject=Nobody "$URL/v1/verify"
echo
echo "]"

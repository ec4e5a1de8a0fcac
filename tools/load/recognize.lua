-- wrk script: POST one photo to /v1/recognize as multipart, count answers by status.
-- Env: MASKFACE_KEY (API key), MASKFACE_PHOTO (file). Prints one JSON line at the end.
local key = os.getenv("MASKFACE_KEY")
local photo = os.getenv("MASKFACE_PHOTO")
local f = assert(io.open(photo, "rb"))
local bytes = f:read("*all")
f:close()
local boundary = "maskface-load-boundary"
wrk.method = "POST"
wrk.path = "/v1/recognize?top=3"
wrk.headers["X-API-Key"] = key
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"probe.png\"\r\n"
  .. "Content-Type: image/png\r\n\r\n" .. bytes .. "\r\n--" .. boundary .. "--\r\n"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

-- per-thread counters (each wrk thread runs its own copy of this script)
ok, busy, timeout, other = 0, 0, 0, 0
function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 429 then busy = busy + 1
  elseif status == 503 then timeout = timeout + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c = {ok = 0, busy = 0, timeout = 0, other = 0}
  for _, t in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + t:get(k) end
  end
  local e = summary.errors
  io.write(string.format(
    '{"durationS":%.3f,"requests":%d,"requestsPerS":%.2f,"status200":%d,"status429":%d,"status503":%d,'
    .. '"statusOther":%d,"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
    .. '"latencyMs":{"p50":%.1f,"p90":%.1f,"p99":%.1f,"max":%.1f,"mean":%.1f}}\n',
    summary.duration / 1e6, summary.requests, summary.requests / (summary.duration / 1e6),
    c.ok, c.busy, c.timeout, c.other, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end

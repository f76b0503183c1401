-- Shared by every bench script: number the threads, and print one machine-
-- readable summary line (latencies in microseconds) for bench/wrk.py to parse.
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local invalid = 0
  for _, thread in ipairs(threads) do
    invalid = invalid + (thread:get("invalid") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"invalid":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, invalid))
end

-- The wrk script of the read path scenario (ReadPathScenario, WrkLoad.cs), one lookup per run:
--   wrk -t 2 -c 8 -d 10s --timeout 30s --latency -s reads.lua http://127.0.0.1:5090 -- <paths file> <token file> <threads>
-- Every request carries the access token the benchmark signed in for (read from a file, so it is not
-- on a command line), and walks the paths of the file in order, one line a request, from the first
-- again after the last. Thread k of n sends lines k+1, k+1+n, k+1+2n, ..., so together the threads
-- walk the list as the .NET client's request index does. done() prints one JSON line, prefixed
-- WRK_JSON, that the benchmark parses; wrk's own text report is printed before it.

-- Main state: one entry per thread, numbered in the order wrk creates them.
local created = 0

function setup(thread)
  thread:set("offset", created)
  created = created + 1
end

-- Thread states (setup has set offset before init runs).
local paths = {}
local index = 1
local step = 1

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  assert(#paths > 0, "no paths in " .. args[1])
  local file = assert(io.open(args[2], "r"))
  local token = file:read("*l")
  file:close()
  wrk.headers["Authorization"] = "Bearer " .. token
  step = tonumber(args[3])
  index = ((offset or 0) % #paths) + 1
end

function request()
  local path = paths[index]
  index = index + step
  if index > #paths then
    index = ((index - 1) % #paths) + 1
  end
  return wrk.format("GET", path)
end

-- Main state again: the summary over every thread. Latencies are in microseconds; errors.status
-- counts responses with a status of 400 or more, the other errors are socket errors and timeouts.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"durationUs":%d,"requests":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end

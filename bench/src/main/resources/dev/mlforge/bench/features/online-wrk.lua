-- wrk script of FeatureStoreBench's online rows (issue 17): POST /get-online-features of the 10 features of one
-- random entity a request, paced to a fixed rate or closed-loop. wrk measures each latency from when the request is
-- sent (as vegeta does), not from when it was due. Environment:
--   WRK_ENTITY_FILE  the entity ids to ask for, one a line (a request asks for one of them, at random); without it,
--                    WRK_ENTITIES: one of 0 .. WRK_ENTITIES-1
--   WRK_RATE      requests per second over all connections; 0 (or unset) for closed-loop (saturation)
--   WRK_THREADS   the -t given to wrk (the rate is split evenly between the threads)
-- Pacing: each thread keeps its own schedule (slot k of thread t due at start + (k * threads + t) / rate) and a
-- connection that is free claims the next slot through delay(); wrk's timers count in milliseconds, so a request
-- leaves within a millisecond of its slot. A thread that falls behind sends at once until it catches up (open-loop).
-- done() prints one line the bench parses: percentiles from wrk's histogram, in microseconds.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } mlforge_timespec;
  int clock_gettime(int clock, mlforge_timespec *time);
]]
local now_buffer = ffi.new("mlforge_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, now_buffer) -- CLOCK_MONOTONIC: one clock for every thread of the process
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

local ids = {}
local entity_file = os.getenv("WRK_ENTITY_FILE")
if entity_file then
  for line in io.lines(entity_file) do
    ids[#ids + 1] = line
  end
else
  for id = 0, tonumber(os.getenv("WRK_ENTITIES") or "100000") - 1 do
    ids[#ids + 1] = tostring(id)
  end
end
local rate = tonumber(os.getenv("WRK_RATE") or "0")
local threads = tonumber(os.getenv("WRK_THREADS") or "1")

local features = {}
for f = 0, 9 do
  features[#features + 1] = '"stats:f' .. f .. '"'
end
local prefix = '{"features":[' .. table.concat(features, ",") .. '],"entities":{"driver_id":['
local suffix = ']}}'

wrk.method = "POST"
wrk.path = "/get-online-features"
wrk.headers["Content-Type"] = "application/json"

local counter = 0
local first_due

-- runs in the main state once a thread, before any thread starts: every thread gets its index and the same start
function setup(thread)
  first_due = first_due or now_ms() + 50
  thread:set("index", counter)
  thread:set("schedule_start", first_due)
  counter = counter + 1
end

local slot = 0

function init(args)
  math.randomseed(7919 * (index + 1))
end

function request()
  return wrk.format(nil, nil, nil, prefix .. ids[math.random(#ids)] .. suffix)
end

if rate > 0 then
  local slot_ms = 1000 / rate
  function delay()
    local due = schedule_start + (slot * threads + index) * slot_ms
    slot = slot + 1
    local wait = math.floor(due - now_ms())
    return wait > 0 and wait or 0
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("wrk-result requests=%d non2xx_or_failed=%d seconds=%.3f p50=%d p99=%d p999=%d max=%d\n",
      summary.requests, errors.connect + errors.read + errors.write + errors.status + errors.timeout,
      summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end

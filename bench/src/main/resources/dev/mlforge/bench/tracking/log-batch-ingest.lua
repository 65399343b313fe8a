-- wrk script of the log-batch ingest comparison (see WrkIngest.java). Thread n (one connection) posts the bodies of
-- <args[1]>/bodies-<n>.jsonl in order, one JSON body a line, loaded before the clock. No request leaves before
-- args[2] (epoch milliseconds, so every thread has loaded its bodies); answers completed in the args[3] seconds from
-- then are counted, by status. A thread that runs out of bodies stops and says so (its figure is then too low).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } mlforge_timeval;
int gettimeofday(mlforge_timeval *tv, void *tz);
]]
local clock = ffi.new("mlforge_timeval")
local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1] .. "/bodies-" .. id .. ".jsonl") do
    bodies[#bodies + 1] = line
  end
  go_at = tonumber(args[2])
  end_at = go_at + tonumber(args[3]) * 1000
  loaded_at = now_ms()
  next_body = 1
  sent = 0
  acknowledged = 0
  failed = 0
  ran_out = 0
  first_error = ""
  headers = { ["Content-Type"] = "application/json" }
end

function delay()
  local wait = go_at - now_ms()
  if wait > 0 then
    return math.ceil(wait)
  end
  return 0
end

function request()
  if next_body > #bodies then
    ran_out = 1
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  local body = bodies[next_body]
  next_body = next_body + 1
  if now_ms() >= go_at then
    sent = sent + 1 -- wrk calls request() once before the threads start, to check the script: that body is not sent
  end
  return wrk.format("POST", nil, headers, body)
end

function response(status, response_headers, body)
  local now = now_ms()
  if now > end_at then
    wrk.thread:stop()
  elseif now >= go_at and ran_out == 0 then
    if status == 200 then
      acknowledged = acknowledged + 1
    else
      failed = failed + 1
      if first_error == "" then
        first_error = status .. " " .. string.sub(body, 1, 300)
      end
    end
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("ingest-thread id=%d sent=%d acknowledged=%d failed=%d ran_out=%d loaded_at=%.0f first_error=%s\n",
      thread:get("id"), thread:get("sent"), thread:get("acknowledged"), thread:get("failed"), thread:get("ran_out"),
      thread:get("loaded_at"), string.gsub(thread:get("first_error"), "\n", " ")))
  end
  local errors = summary.errors
  io.write(string.format("ingest-socket-errors %d\n", errors.connect + errors.read + errors.write + errors.timeout))
end

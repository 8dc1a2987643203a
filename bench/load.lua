-- wrk script for `make load` (bench/load.py writes the plan and reads the result; see bench/README.md).
--
-- ORBIT_LOAD_PLAN names a Lua file returning {requests = {...}, sequence = {...}, rate = N, threads = N}:
-- each request is {name, method, path, headers, body, expect}; `sequence` is the mixed journey's order (indices
-- into `requests`), which every thread walks from its own starting point. With `rate` > 0 each thread paces
-- itself so that all threads together send `rate` requests a second. ORBIT_LOAD_OUT names the JSON file written
-- at the end.
--
-- Per-page times are measured here, from sending a request to its response, which is exact when each thread has
-- one connection (-t N -c N: the mixed journey). Runs with more connections than threads (one page at a time)
-- use wrk's own latency figures instead.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } orbit_timespec;
int clock_gettime(int clk_id, orbit_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("orbit_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000000 + tonumber(timespec.tv_nsec) / 1000
end

local plan = dofile(os.getenv("ORBIT_LOAD_PLAN"))
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

-- Each thread's own state: globals of its Lua state, read back by done() with thread:get. wrk copies flat tables
-- between threads but not tables of tables, so each response is one entry in three flat arrays.
local formatted = {}
local position, current, sent_at, started, sent
sample_request = {}
sample_us = {}
sample_status = {}

function init(args)
  for index, item in ipairs(plan.requests) do
    formatted[index] = wrk.format(item.method, item.path, item.headers, item.body)
  end
  position = ((id - 1) * 13) % #plan.sequence
  sent = 0
end

function delay()
  if plan.rate <= 0 then
    return 0
  end
  local interval_us = 1000000 * plan.threads / plan.rate
  if started == nil then
    started = now_us() + (id - 1) * interval_us / plan.threads -- threads start spread over one interval
  end
  local wait_ms = (started + sent * interval_us - now_us()) / 1000
  if wait_ms < 0 then
    return 0
  end
  return math.floor(wait_ms)
end

function request()
  position = position % #plan.sequence + 1
  current = plan.sequence[position]
  sent = sent + 1
  sent_at = now_us()
  return formatted[current]
end

function response(status, headers, body)
  local n = #sample_us + 1
  sample_request[n] = current
  sample_us[n] = now_us() - sent_at
  sample_status[n] = status
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return nil
  end
  local rank = math.ceil(p / 100 * #sorted)
  if rank < 1 then
    rank = 1
  end
  return sorted[rank]
end

local function number(value)
  if value == nil then
    return "null"
  end
  return string.format("%.3f", value)
end

function done(summary, latency, requests)
  local pages = {}
  for _, item in ipairs(plan.requests) do
    if pages[item.name] == nil then
      pages[item.name] = {samples = {}, statuses = {}, unexpected = 0}
    end
  end
  for _, thread in ipairs(threads) do
    local which = thread:get("sample_request")
    local took = thread:get("sample_us")
    local codes = thread:get("sample_status")
    for n = 1, #which do
      local item = plan.requests[which[n]]
      local page = pages[item.name]
      page.samples[#page.samples + 1] = took[n]
      local key = tostring(codes[n])
      page.statuses[key] = (page.statuses[key] or 0) + 1
      if codes[n] ~= item.expect then
        page.unexpected = page.unexpected + 1
      end
    end
  end
  local parts = {}
  for name, page in pairs(pages) do
    table.sort(page.samples)
    local codes = {}
    for code, count in pairs(page.statuses) do
      codes[#codes + 1] = string.format('"%s": %d', code, count)
    end
    parts[#parts + 1] = string.format(
      '"%s": {"count": %d, "unexpected": %d, "statuses": {%s}, "p50_ms": %s, "p95_ms": %s, "p99_ms": %s}',
      name, #page.samples, page.unexpected, table.concat(codes, ", "),
      number(percentile(page.samples, 50) and percentile(page.samples, 50) / 1000),
      number(percentile(page.samples, 95) and percentile(page.samples, 95) / 1000),
      number(percentile(page.samples, 99) and percentile(page.samples, 99) / 1000)
    )
  end
  local errors = summary.errors
  local out = io.open(os.getenv("ORBIT_LOAD_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_s": %s, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_ms": {"p50": %s, "p95": %s, "p99": %s, "max": %s}, "pages": {%s}}\n',
    summary.requests, number(summary.duration / 1000000),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    number(latency:percentile(50) / 1000), number(latency:percentile(95) / 1000),
    number(latency:percentile(99) / 1000), number(latency.max / 1000),
    table.concat(parts, ", ")
  ))
  out:close()
end

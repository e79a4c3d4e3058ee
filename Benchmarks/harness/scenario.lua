-- One wrk script for every scenario, configured through the environment so each peer gets
-- byte-for-byte the same request pattern:
--   BENCH_METHOD   GET (default) or POST
--   BENCH_PATH     request path; "{id}" becomes a random id, "{offset}" a random page offset
--                  (multiple of 20 in 0..9980), "{page}" the matching 1-based page number
--   BENCH_BODY     request body (POST), sent as application/json
--   BENCH_IDS_FILE one id per line; "{id}" then picks among them instead of 1..BENCH_ROWS
--   BENCH_ROWS     number of rows (default 10000)
--   BENCH_HEADERS  extra request header fields, one "Name: value" per line (a credential)
-- At the end it prints one JSON line that the harness parses.

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
local rows = tonumber(os.getenv("BENCH_ROWS") or "10000")
local ids = nil
local static_request = nil

local function load_ids(file)
  local list = {}
  for line in io.lines(file) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  local ids_file = os.getenv("BENCH_IDS_FILE")
  if ids_file and #ids_file > 0 then ids = load_ids(ids_file) end
  wrk.method = method
  local headers = os.getenv("BENCH_HEADERS")
  if headers then
    for line in headers:gmatch("[^\n]+") do
      local name, value = line:match("^([^:]+):%s*(.*)$")
      if name then wrk.headers[name] = value end
    end
  end
  if body then
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
  end
  if not path:find("{", 1, true) then
    static_request = wrk.format(method, path)
  end
end

function request()
  if static_request then return static_request end
  local pages = math.floor(rows / 20)
  local page = math.random(1, pages)
  local id
  if ids then id = ids[math.random(1, #ids)] else id = tostring(math.random(1, rows)) end
  local concrete = path:gsub("{id}", id):gsub("{offset}", tostring((page - 1) * 20)):gsub("{page}", tostring(page))
  return wrk.format(method, concrete)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(99), latency.mean))
end

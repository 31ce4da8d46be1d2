-- wrk script: POSTs unique leads built from a dataset's leads.csv (territory, kind, price, language, urgency,
-- source agent), each with a fresh id so every request is a new lead.
-- Environment: LEADS_CSV (path), LEAD_PATH (default /api/v1/leads), TOKEN (optional bearer token).
local leads = {}
local counter = 0
local prefix = ""
local path = os.getenv("LEAD_PATH") or "/api/v1/leads"
local token = os.getenv("TOKEN")

local function split(line)
  local fields = {}
  for field in (line .. ","):gmatch("([^,]*),") do fields[#fields + 1] = field end
  return fields
end

local function load()
  local file = assert(io.open(os.getenv("LEADS_CSV"), "r"))
  local header = split(file:read("*l"))
  local column = {}
  for i, name in ipairs(header) do column[name] = i end
  for line in file:lines() do
    local f = split(line)
    local parts = { '"territoryId":"' .. f[column.territory_id] .. '"' }
    if f[column.kind] ~= "" then parts[#parts + 1] = '"kind":"' .. f[column.kind] .. '"' end
    if f[column.price] ~= "" then parts[#parts + 1] = '"price":' .. f[column.price] end
    if f[column.language] ~= "" then parts[#parts + 1] = '"language":"' .. f[column.language] .. '"' end
    if f[column.urgency] ~= "" then parts[#parts + 1] = '"urgency":' .. f[column.urgency] end
    if f[column.source_agent_id] ~= "" then parts[#parts + 1] = '"sourceAgentId":"' .. f[column.source_agent_id] .. '"' end
    leads[#leads + 1] = table.concat(parts, ",")
    if #leads >= 20000 then break end
  end
  file:close()
end

local threads = {}
function setup(thread)
  thread:set("thread_number", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  load()
  prefix = "W" .. tostring(thread_number) .. "-" .. tostring(os.time()) .. "-"
  wrk.headers["Content-Type"] = "application/json"
  if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
  counter = counter + 1
  local body = '{"id":"' .. prefix .. counter .. '",' .. leads[(counter % #leads) + 1] .. '}'
  return wrk.format("POST", path, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d status %d timeout %d\n", summary.requests,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("latency p%s %.3f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
end

-- The request mix of scripts/bench-http.sh for wrk: PAGE_SHARE of organization pages (random ids up
-- to ORGS), the rest searches for everyday co-op words (activities, places, co-op words). Counts
-- answers by status, so a run can say how many failed and how.
math.randomseed(42)
local words = { "bakery", "housing", "energy", "credit%20union", "leeds", "manchester", "bristol", "glasgow",
  "brighton", "community%20shop", "worker%20co-op", "food", "farm", "cafe", "bicycle", "solar", "berlin",
  "wien", "cooperativa", "grocery", "housing%20co-op%20london", "pub", "school", "football", "radical" }
local share = tonumber(os.getenv("PAGE_SHARE") or "0.8")
local orgs = tonumber(os.getenv("ORGS") or "1")
-- The soak's review-queue case: QUEUE_SHARE of requests read the review queue (its pages and the API's) and the
-- proposals in it, FIRST_PROPOSAL to LAST_PROPOSAL.
local queue = tonumber(os.getenv("QUEUE_SHARE") or "0")
local first_proposal = tonumber(os.getenv("FIRST_PROPOSAL") or "1")
local last_proposal = tonumber(os.getenv("LAST_PROPOSAL") or "1")
local queue_pages = math.max(1, math.ceil((last_proposal - first_proposal + 1) / 50))
local threads = {}
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end

request = function()
  local roll = math.random()
  if roll < queue then
    local pick = math.random(3)
    if pick == 1 then return wrk.format("GET", "/proposals?page=" .. math.random(queue_pages)) end
    if pick == 2 then return wrk.format("GET", "/api/v1/proposals?page=" .. math.random(queue_pages)) end
    return wrk.format("GET", "/proposals/" .. math.random(first_proposal, last_proposal))
  end
  if (roll - queue) / (1 - queue) < share then
    return wrk.format("GET", "/organizations/" .. math.random(orgs))
  end
  return wrk.format("GET", "/api/v1/organizations?q=" .. words[math.random(#words)])
end

response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(total) do table.insert(parts, status .. ": " .. count) end
  table.sort(parts)
  io.write("Statuses: " .. table.concat(parts, ", ") .. "\n")
end

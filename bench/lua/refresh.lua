-- Refresh-token grant with rotation: every request spends a live refresh token
-- and every answer hands back the next one, so each request is valid.
-- wrk ... -s refresh.lua -- TOKENS_FILE THREADS CLIENT_KEY CLIENT_SECRET
--
-- wrk's Lua sees threads, not connections. A connection sends its next request
-- only after its answer was read, so a per-thread pool seeded with more tokens
-- than the thread has connections never runs dry: each connection carries one
-- rotating chain. An answer without a new token counts as `invalid`.
dofile("common.lua")

local pool = {}
local form
local spent
invalid = 0

function init(args)
  local threads = tonumber(args[2])
  local index = 0
  for line in io.lines(args[1]) do
    if index % threads == thread_id then
      table.insert(pool, line)
    end
    index = index + 1
  end
  form = "client_key=" .. args[3] .. "&client_secret=" .. args[4] .. "&grant_type=refresh_token&refresh_token="
  spent = pool[1]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  -- An empty pool (a chain lost to a timeout) re-sends a spent token: counted invalid.
  local token = table.remove(pool) or spent
  return wrk.format(nil, nil, nil, form .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if status == 200 and token then
    table.insert(pool, token)
  else
    invalid = invalid + 1
  end
end

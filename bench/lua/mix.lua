-- The bounded-memory run: user/info, video/list and video/query in turn.
-- wrk ... -s mix.lua -- BEARER_TOKEN USER_INFO_PATH LIST_PATH LIST_BODY QUERY_PATH QUERY_BODY
dofile("common.lua")

local requests = {}
local turn = 0

function init(args)
  local auth = {["Authorization"] = "Bearer " .. args[1]}
  local json = {["Authorization"] = "Bearer " .. args[1], ["Content-Type"] = "application/json"}
  requests[1] = wrk.format("GET", args[2], auth)
  requests[2] = wrk.format("POST", args[3], json, args[4])
  requests[3] = wrk.format("POST", args[5], json, args[6])
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

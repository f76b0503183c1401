-- One fixed request: wrk ... -s request.lua -- METHOD BEARER_TOKEN [JSON_BODY]
dofile("common.lua")

function init(args)
  wrk.method = args[1]
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  if args[3] ~= nil and args[3] ~= "" then
    wrk.body = args[3]
    wrk.headers["Content-Type"] = "application/json"
  end
end

-- wrk script: POSTs the Open Inference Protocol JSON body in the file named by $BODY_FILE.
local file = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()

local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors == 1 then
      io.stderr:write("non-200 answer " .. status .. ": " .. body .. "\n")
    end
  end
end

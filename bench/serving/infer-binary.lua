-- wrk script: POSTs a V2 request with the binary tensor data extension: the file named by $BODY_FILE holds the JSON
-- part then the raw input bytes, and $BODY_FILE.json-length the JSON part's length (Inference-Header-Content-Length).
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local length = assert(io.open(os.getenv("BODY_FILE") .. ".json-length", "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.headers["Inference-Header-Content-Length"] = length:read("*a")
file:close()
length:close()

local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors == 1 then
      io.stderr:write("non-200 answer " .. status .. ": " .. body .. "\n")
    end
  end
end

-- wrk script: POST the PCD 785 decision to /v1/schemes/mopac/eval on kept-alive
-- connections; counts answers that are not 200 as errors.
wrk.method = "POST"
wrk.path = "/v1/schemes/mopac/eval"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id": "PCD 785", "kind": "grant.acceptance", "date": "2020-06-01", "approver": "DMPC", "facts": {"amount": "£5,600,000"}}'
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end

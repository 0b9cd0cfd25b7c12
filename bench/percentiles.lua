-- wrk script: print exact latency percentiles in microseconds after the run (wrk's own table has no p95).
done = function(summary, latency, requests)
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("komplan-p%d %d\n", p, latency:percentile(p)))
  end
end

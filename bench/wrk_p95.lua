-- wrk's --latency prints the 50th, 75th, 90th and 99th percentiles; web_bench.py also reports
-- the 95th (the search target), printed here at the end of the run in microseconds.
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end

// The HTTP load generator, run in its own process (bench/http-load.ts starts it), so the load is made as a
// peer would make it and never competes with the server inside one process: autocannon posts one MCP request
// over C connections for D seconds and every answer's body must hold the expected text (else a mismatch).
//   node bench/load-generator.mjs '{"url":…,"headers":{…},"body":"…","connections":10,"seconds":3,"expect":"…"}'
// Prints one JSON line on stdout: requests/s, latency p50/p99 (ms), answers, and what failed, with the first
// mismatching body (cut) so that a failure can be read.
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2] ?? '{}');
let firstMismatch;
const result = await autocannon({
  url: job.url,
  method: 'POST',
  headers: job.headers,
  body: job.body,
  connections: job.connections,
  duration: job.seconds,
  verifyBody: (body) => {
    const ok = typeof body === 'string' && body.includes(job.expect);
    if (!ok) firstMismatch ??= String(body).slice(0, 600);
    return ok;
  },
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    answered: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    failures: { connectionErrors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches, firstMismatch },
  })}\n`,
);

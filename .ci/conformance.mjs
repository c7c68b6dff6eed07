// The MCP conformance suite's server scenarios against the built server's HTTP endpoint (loopback, sandbox,
// bounded time), once per protocol revision the server speaks: 2025-11-25 and 2026-07-28. Scenarios that do not
// apply to this server are listed, with the reason, in .ci/conformance-baseline-<revision>.yml; any other failure
// or warning, or a listed scenario that passes, fails CI.
//   npm ci --prefix .ci/conformance && node .ci/conformance.mjs        (after npm run build)
// The suite is installed on its own (.ci/conformance/package.json), outside the project's default install. It is
// built for Node 22; on Node 20 .ci/node20-compat.mjs stands in for the one Node 22 import it has.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REVISIONS = ['2025-11-25', '2026-07-28'];
const LIMIT_MS = 240_000;
const cli = join(root, '.ci/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js');

function startServer() {
  const child = spawn(process.execPath, [join(root, 'dist/index.js'), '--http', '--port', '0', '--sandbox'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: mkdtempSync(join(tmpdir(), 'conformance-home-')),
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      // The suite sends a few hundred requests a minute from one caller.
      VPN_PBR_MCP_HTTP_RATE_PER_MINUTE: '100000',
    },
  });
  return new Promise((done, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${err}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const match = /^listening on (http:\/\/\S+\/mcp)$/m.exec(err);
      if (match) {
        clearTimeout(timer);
        done({ child, url: match[1] });
      }
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
}

async function runRevision(revision) {
  const { child, url } = await startServer();
  const work = mkdtempSync(join(tmpdir(), 'conformance-'));
  const baseline = join(root, `.ci/conformance-baseline-${revision}.yml`);
  const run = spawn(
    process.execPath,
    ['--import', join(root, '.ci/node20-compat.mjs'), cli, 'server', '--url', url, '--requirements', revision, '--expected-failures', baseline],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  run.stdout.on('data', (c) => (output += c));
  run.stderr.on('data', (c) => (output += c));
  const timer = setTimeout(() => run.kill('SIGKILL'), LIMIT_MS);
  const code = await new Promise((done) => run.on('exit', (c) => done(c ?? 1)));
  clearTimeout(timer);
  child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
  // The suite's per-scenario lines read "N passed, N failed", as .ci/run's own last line does: on success only a
  // verdict is printed, so that the run's one summary line is the tests' (the suite's full output on failure).
  if (code !== 0) {
    process.stdout.write(`--- MCP ${revision} ---\n${output.slice(-6000)}\nconformance ${revision}: FAILED (exit ${code})\n`);
    return code;
  }
  const total = /Total: (\d+) passed, (\d+) failed/.exec(output);
  const counts = total ? ` (${total[1]} checks pass; the ${total[2]} that fail are listed, with reasons, in the baseline)` : '';
  process.stdout.write(`conformance ${revision}: every applicable server scenario passed${counts}\n`);
  return code;
}

let failed = 0;
for (const revision of REVISIONS) if ((await runRevision(revision)) !== 0) failed++;
process.exit(failed === 0 ? 0 : 1);

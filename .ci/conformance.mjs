// The MCP conformance suite's server scenarios against the built server's HTTP endpoint (loopback,
// sandbox, bounded time). Scenarios that do not apply to a tools-only server are listed, with the
// reason, in .ci/conformance-baseline.yml; any other failure, or a listed one that passes, fails CI.
//   node .ci/conformance.mjs        (after npm run build)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT_MS = 180_000;
const cli = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

function startServer() {
  const child = spawn(process.execPath, [join(root, 'dist/index.js'), '--http', '--port', '0', '--sandbox'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'conformance-home-')), ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
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

const { child, url } = await startServer();
const work = mkdtempSync(join(tmpdir(), 'conformance-'));
const run = spawn(
  process.execPath,
  ['--import', join(root, '.ci/node20-compat.mjs'), cli, 'server', '--url', url, '--expected-failures', join(root, '.ci/conformance-baseline.yml')],
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
const summary = output.slice(output.indexOf('=== SUMMARY ==='));
process.stdout.write(`${summary.trim()}\n`);
if (code !== 0) process.stdout.write(`${output.slice(-4000)}\nconformance: failed (exit ${code})\n`);
else process.stdout.write('conformance: every applicable server scenario passed\n');
process.exit(code);

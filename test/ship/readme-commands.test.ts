// Every shell command in the code blocks of README.md and docs/ is run here, covered by a named test that runs exactly
// it, or listed as not run with the reason: the docs promise no command that nobody runs. The `alicloud-vpn-pbr-mcp`
// commands run as a reader runs them after `npm install -g .`, installed into a temporary prefix (the machine's own
// global packages are left alone), with a temporary HOME (the reader's sandbox is left alone too).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
// ARCHITECTURE.md is a map of the source with no commands; its tree block has no language.
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'ARCHITECTURE.md').map((f) => `docs/${f}`)];
const SHELL = new Set(['sh', 'bash', 'shell']);

interface Block {
  file: string;
  lang: string;
  body: string;
}

function blocks(file: string): Block[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^( *)```(\S*)\n([\s\S]*?)^\1```/gm)].map((m) => ({
    file,
    lang: m[2] ?? '',
    body: (m[3] ?? '').split('\n').map((line) => line.slice((m[1] ?? '').length)).join('\n'),
  }));
}

/** The commands of a shell block: continuation lines joined, comments and blank lines dropped. */
function commands(body: string): string[] {
  return body
    .replace(/\s*\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const ALL_BLOCKS = DOCS.flatMap(blocks);
const DOCUMENTED = new Map<string, string>();
for (const block of ALL_BLOCKS.filter((b) => SHELL.has(b.lang))) for (const command of commands(block.body)) DOCUMENTED.set(command, block.file);

type Check = { run: string } | { coveredBy: string; evidence: string } | { notRun: string };

const REAL_HOSTS = 'an example for real hosts (their addresses and files); replicas sharing a secret run in test/e2e/http-replicas.test.ts';
const SHARED_SANDBOX =
  'fixed ports on a shared machine; run by hand: replicas sharing an emulator and a secret are test/e2e/http-replicas.test.ts, a server on the emulator sub-command test/e2e/process.test.ts';
const INSPECTOR =
  'npx downloads @modelcontextprotocol/inspector (not a dependency); one fresh --sandbox process per call, as its CLI starts them, is test/e2e/sandbox-state.test.ts';
const CLAUDE_CODE = "needs Claude Code, and changes the reader's Claude configuration";

/** Each command of the docs, exactly as written, and what this suite does with it. */
const CHECKS: Record<string, Check> = {
  'npm ci && npm run demo': { coveredBy: 'test/e2e/process.test.ts', evidence: "describe('npm run demo'" },
  'npm ci && npm test': { notRun: 'this suite itself (CI runs it: .ci/run)' },
  'npm ci && npm run build && npm install -g .': { run: 'npm install -g . into a temporary prefix (npm test has run npm ci and the build)' },
  'alicloud-vpn-pbr-mcp --help': { run: 'prints the usage on stderr' },
  'npm ci && npm run pack': { coveredBy: 'test/ship/bundle.test.ts', evidence: "join(ROOT, 'scripts/pack.mjs')" },
  'claude mcp add alicloud-vpn-pbr -- alicloud-vpn-pbr-mcp --sandbox': { notRun: CLAUDE_CODE },
  'claude mcp add alicloud-vpn-pbr --env ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI… --env ALIBABA_CLOUD_ACCESS_KEY_SECRET=… --env ALIBABA_CLOUD_REGION_ID=cn-hangzhou -- /absolute/path/to/alicloud-vpn-pbr-mcp/dist/index.js':
    { notRun: CLAUDE_CODE },
  'npm run typecheck': { coveredBy: '.ci/run', evidence: 'npm run typecheck' },
  'npm run lint': { coveredBy: '.ci/run', evidence: 'npm run lint' },
  'UPDATE_TOOLSNAPS=1 npx vitest run test/unit/tool-metadata.test.ts': { notRun: 'rewrites the tool snapshots; the suite runs that test without it' },
  'npx tsx scripts/card-screenshot.ts': { notRun: 'rewrites docs/approval-card.png and needs a browser; test/browser/approval-card.test.ts drives the same card' },
  'bash .ci/run': { notRun: 'CI itself: it runs npm ci and this suite' },
  'alicloud-vpn-pbr-mcp new-token alice > alice.txt': { run: 'makes the token file of the HTTP example' },
  'tail -n 1 alice.txt > tokens': { run: 'the tokens file of the HTTP example' },
  'alicloud-vpn-pbr-mcp --http --sandbox --http-tokens-file tokens': { run: 'serves the HTTP example, on a free port (VPN_PBR_MCP_HTTP_PORT=0)' },
  'TOKEN=$(head -n 1 alice.txt)': { run: 'with the curl below' },
  'curl -s http://127.0.0.1:8765/mcp -H \'Accept: application/json, text/event-stream\' -H \'Content-Type: application/json\' -H "Authorization: Bearer $TOKEN" -d \'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"listVpnGateways","arguments":{}}}\'':
    { run: "against the server above, on its port; its answer starts as the docs' example does" },
  'alicloud-vpn-pbr-mcp --http --host 0.0.0.0 --port 8765 --http-tokens-file /etc/vpn-pbr/tokens': { notRun: REAL_HOSTS },
  'export VPN_PBR_MCP_CONFIRM_SECRET="$(openssl rand -hex 32)"': { notRun: `${REAL_HOSTS}; in the shared sandbox: ${SHARED_SANDBOX}` },
  'export VPN_PBR_MCP_HTTP_TOKENS_FILE=/etc/vpn-pbr/tokens VPN_PBR_MCP_APPROVERS=bob,carol': { notRun: REAL_HOSTS },
  'export VPN_PBR_MCP_AUDIT_LOG=/var/log/vpn-pbr/audit-$(hostname).jsonl': { notRun: REAL_HOSTS },
  'alicloud-vpn-pbr-mcp --http --host 10.0.0.11 --port 8765 &': { notRun: REAL_HOSTS },
  'alicloud-vpn-pbr-mcp --http --host 10.0.0.12 --port 8765 &': { notRun: REAL_HOSTS },
  'alicloud-vpn-pbr-mcp emulator --port 9000 &': { notRun: SHARED_SANDBOX },
  'export VPN_PBR_MCP_ENDPOINT=http://127.0.0.1:9000 ALIBABA_CLOUD_REGION_ID=cn-hangzhou': { notRun: SHARED_SANDBOX },
  'export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tSandboxDemoKey0001 ALIBABA_CLOUD_ACCESS_KEY_SECRET=sandbox-demo-secret-not-a-real-key': { notRun: SHARED_SANDBOX },
  'alicloud-vpn-pbr-mcp --http --port 8766 &': { notRun: SHARED_SANDBOX },
  'alicloud-vpn-pbr-mcp --http --port 8767 &': { notRun: SHARED_SANDBOX },
  'npx @modelcontextprotocol/inspector --cli alicloud-vpn-pbr-mcp --sandbox --method tools/list': { notRun: INSPECTOR },
  'npx @modelcontextprotocol/inspector --cli alicloud-vpn-pbr-mcp --sandbox --method tools/call --tool-name listVpnPbrRoutes --tool-arg vpnGatewayId=vpn-sandbox0priority01':
    { notRun: INSPECTOR },
  'alicloud-vpn-pbr-mcp emulator --port 0': { run: 'prints its listening line and stops on SIGTERM' },
  'aliyun vpc DescribeVpnGateways --RegionId cn-hangzhou --endpoint 127.0.0.1:N --insecure --mode AK --access-key-id LTAI5tSandboxDemoKey0001 --access-key-secret sandbox-demo-secret-not-a-real-key':
    { notRun: 'the aliyun CLI is not installed here (the docs say it is not tested)' },
};

describe("the docs' shell commands", () => {
  it('are in blocks marked as shell: every code block names its language', () => {
    expect(ALL_BLOCKS.filter((b) => b.lang === '').map((b) => `${b.file}: ${b.body.slice(0, 60)}`)).toEqual([]);
  });

  it('are each run, covered by a named test, or listed as not run with the reason', () => {
    const unchecked = [...DOCUMENTED].filter(([command]) => !(command in CHECKS)).map(([command, file]) => `${file}: ${command}`);
    expect(unchecked, 'add each to CHECKS in test/ship/readme-commands.test.ts').toEqual([]);
    // And nothing listed here has left the docs.
    expect(Object.keys(CHECKS).filter((command) => !DOCUMENTED.has(command))).toEqual([]);
  });

  it.each(Object.entries(CHECKS).filter(([, check]) => 'coveredBy' in check))('%s: covered by the test named', (_, check) => {
    const { coveredBy, evidence } = check as { coveredBy: string; evidence: string };
    expect(readFileSync(join(ROOT, coveredBy), 'utf8')).toContain(evidence);
  });
});

describe("the docs' alicloud-vpn-pbr-mcp commands, after npm install -g .", () => {
  const work = mkdtempSync(join(tmpdir(), 'readme-commands-'));
  const prefix = join(work, 'prefix');
  const cwd = join(work, 'cwd');
  const env: NodeJS.ProcessEnv = {
    PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: join(work, 'home'),
    XDG_CACHE_HOME: join(work, 'home', '.cache'),
    npm_config_prefix: prefix,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
  const sh = (command: string, extra: NodeJS.ProcessEnv = {}) =>
    spawnSync('bash', ['-c', command], { cwd, env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });
  let server: ChildProcess | undefined;

  beforeAll(() => {
    spawnSync('mkdir', ['-p', cwd, join(work, 'home')]);
    const install = spawnSync('bash', ['-c', 'npm install -g .'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(prefix, 'bin', 'alicloud-vpn-pbr-mcp'))).toBe(true);
  }, 130_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('alicloud-vpn-pbr-mcp --help prints the usage on stderr and exits 0', () => {
    const run = sh('alicloud-vpn-pbr-mcp --help');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: alicloud-vpn-pbr-mcp \[options\]/);
  });

  it('the emulator prints its listening line and stops on SIGTERM', async () => {
    const child = spawn('bash', ['-c', 'exec alicloud-vpn-pbr-mcp emulator --port 0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    await waitForLine(child, /^listening on http:\/\/127\.0\.0\.1:\d+$/m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('the HTTP example: a token for alice, the sandbox over HTTP, and curl gets the answer the docs show', async () => {
    for (const command of ['alicloud-vpn-pbr-mcp new-token alice > alice.txt', 'tail -n 1 alice.txt > tokens']) {
      const run = sh(command);
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
    }
    expect(readFileSync(join(cwd, 'tokens'), 'utf8')).toMatch(/^alice:[0-9a-f]{64}\n$/);

    server = spawn('bash', ['-c', 'exec alicloud-vpn-pbr-mcp --http --sandbox --http-tokens-file tokens'], {
      cwd,
      env: { ...env, VPN_PBR_MCP_HTTP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = await waitForLine(server, /ready over HTTP/);
    const port = /^listening on http:\/\/127\.0\.0\.1:(\d+)\/mcp$/m.exec(stderr)?.[1];
    expect(port).toBeDefined();
    expect(stderr).toContain('ready over HTTP (sandbox, bearer authentication required)');

    const curl = [...DOCUMENTED.keys()].find((c) => c.startsWith('curl -s http://127.0.0.1:8765/mcp')) as string;
    const answer = sh(`TOKEN=$(head -n 1 alice.txt)\n${curl.replace('127.0.0.1:8765', `127.0.0.1:${port}`)}`);
    expect(answer.status, answer.stderr).toBe(0);
    // The docs' example answer, up to its first "…", is how the real one starts.
    const example = ALL_BLOCKS.find((b) => b.file === 'docs/http.md' && b.lang === 'text' && b.body.startsWith('event: message'));
    expect(example).toBeDefined();
    expect(answer.stdout.startsWith((example as Block).body.split('…')[0] as string)).toBe(true);
    const data = JSON.parse(/^data: (.*)$/m.exec(answer.stdout)?.[1] ?? 'null');
    expect(data.result.structuredContent).toMatchObject({ count: 2, sandbox: true });
    expect(data.result.structuredContent.summary).toMatch(/^2 VPN gateways in cn-hangzhou: vpn-sandbox0priority01 /);
    expect((example as Block).body).toContain(data.result.structuredContent.summary);
  });
});

/** Resolves with everything the child wrote to stderr once a line matches. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`no ${pattern} in: ${text}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        done(text);
      }
    });
    child.on('exit', (code) => fail(new Error(`exited ${code}: ${text}`)));
  });
}

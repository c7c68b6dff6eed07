// `npm run pack`: the Claude Desktop bundle, alicloud-vpn-pbr-mcp.mcpb. It holds manifest.json,
// server/index.mjs, which is dist/index.js (the package's bin) byte for byte, and the server it loads,
// server/main.mjs (dist/main.mjs): one esbuild bundle with every dependency inside, so no node_modules.
// Packed with `mcpb pack` (works offline). It builds dist/ first; --prebuilt packs the dist/ already built
// instead (the ship tests, which run on several Node.js lines at once after `npm test`'s build: a rebuild
// there would rewrite dist/ under the other lines' feet).
//   node scripts/pack.mjs [--out FILE] [--prebuilt]
import { access, copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packExtension } from '@anthropic-ai/mcpb';
import { buildBundle, MAIN_FILE_NAME, OUT_DIR, OUT_FILE } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(root, 'alicloud-vpn-pbr-mcp.mcpb');
const MAX_BYTES = 1024 * 1024;

function fail(message) {
  process.stderr.write(`pack: ${message}\n`);
  process.exit(1);
}

/** The bin and the server of the last `npm run build`, without building. */
async function prebuiltBundle() {
  const built = { file: OUT_FILE, mainFile: join(OUT_DIR, MAIN_FILE_NAME) };
  for (const file of [built.file, built.mainFile]) {
    try {
      await access(file);
    } catch {
      throw new Error(`--prebuilt: ${file} does not exist (run \`npm run build\` first)`);
    }
  }
  return built;
}

export async function pack({ out = DEFAULT_OUT, prebuilt = false } = {}) {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  if (manifest.version !== pkg.version) {
    throw new Error(`manifest.json version ${manifest.version} differs from package.json version ${pkg.version}`);
  }
  const entry = manifest.server?.entry_point;
  if (entry !== 'server/index.mjs') throw new Error(`manifest.json server.entry_point is ${entry}, expected server/index.mjs`);

  const { file, mainFile } = prebuilt ? await prebuiltBundle() : await buildBundle({ quiet: true });
  const staging = await mkdtemp(join(tmpdir(), 'vpn-pbr-mcpb-'));
  try {
    await copyFile(join(root, 'manifest.json'), join(staging, 'manifest.json'));
    await mkdir(join(staging, 'server'));
    await copyFile(file, join(staging, entry));
    await copyFile(mainFile, join(staging, 'server', basename(mainFile)));
    await mkdir(dirname(resolve(out)), { recursive: true });
    // mcpb validates the manifest again before writing the archive.
    const ok = await packExtension({ extensionPath: staging, outputPath: resolve(out), silent: true });
    if (!ok) throw new Error('mcpb pack failed (run `npx mcpb validate manifest.json`)');
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const { size } = await stat(resolve(out));
  if (size > MAX_BYTES) throw new Error(`${out} is ${size} bytes, over the 1 MB budget`);
  return { file: resolve(out), size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : DEFAULT_OUT;
  if (at >= 0 && !out) fail('--out needs a file name');
  try {
    const { file, size } = await pack({ out, prebuilt: args.includes('--prebuilt') });
    process.stderr.write(`packed ${file} (${(size / 1024).toFixed(0)} kB)\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

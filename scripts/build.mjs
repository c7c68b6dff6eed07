// `npm run build`: bundles src/index.ts and every dependency into ONE file, dist/main.mjs, started by the bin,
// dist/index.js (src/bin.ts: the node flags, V8's compile cache, then `import('./main.mjs')`). The two are
// package.json's bin and the server of the Claude Desktop bundle (scripts/pack.mjs copies both).
// Modules reached only through `await import()` (pop-core, @alicloud/credentials, the emulator) stay
// lazy: esbuild wraps them in __esm/__commonJS closures that run on first use, not at start-up.
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist');
export const OUT_FILE = join(OUT_DIR, 'index.js');
// The server itself, beside the bin. `.mjs`: an ES module wherever it is copied, with or without a package.json
// saying so (the Claude Desktop bundle has none), so node never has to guess its format.
export const MAIN_FILE_NAME = 'main.mjs';

// ESM output: bundled CommonJS (pop-core, @alicloud/credentials) calls require() for node built-ins.
const BANNER = [
  "import { createRequire as __vpnPbrCreateRequire } from 'node:module';",
  'const require = __vpnPbrCreateRequire(import.meta.url);',
].join('\n');

// Start-up time is mostly parsing and evaluating the bundle before the first tools/list, so the
// plugins below keep unused code out of it and out of start-up; the end-to-end tests run this build.
const requireHere = createRequire(import.meta.url);

// zod re-exports ~50 message locales as `z.locales`; nothing here uses them (zod's default English
// messages come from locales/en.js directly). Keeping only `en` takes ~250 kB off every start.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

// ip-num is CommonJS, so its index evaluates every class (IPv4/IPv6 ranges, pools…) at start-up
// although src/domain uses only its Validator. When every `from 'ip-num'` import names nothing but
// Validator, resolve it to that module alone; any other import keeps the whole package.
const ipNumValidatorOnly = {
  name: 'ip-num-validator-only',
  setup(b) {
    b.onResolve({ filter: /^ip-num$/ }, async (args) => {
      const source = await readFile(args.importer, 'utf8').catch(() => '');
      const mentions = source.match(/['"]ip-num['"]/g)?.length ?? 0;
      const named = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]ip-num['"]/g)];
      const names = named.flatMap((m) => m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean));
      if (named.length === 0 || named.length !== mentions || names.some((n) => n !== 'Validator')) return undefined;
      return { path: requireHere.resolve('ip-num/dist/src/Validator.js', { paths: [args.resolveDir] }) };
    });
  },
};

// '@alicloud/pop-core' is index.js = RPCClient plus ROAClient, and ROAClient pulls in xml2js,
// xmlbuilder and sax (~100 kB). The VPC API is RPC style: the bundle takes lib/rpc.js, whose export is
// the RPCClient class itself (src/cloud/pop-vpc-client.ts accepts both shapes).
const popCoreRpcOnly = {
  name: 'pop-core-rpc-only',
  setup(b) {
    b.onResolve({ filter: /^@alicloud\/pop-core$/ }, (args) => ({
      path: requireHere.resolve('@alicloud/pop-core/lib/rpc.js', { paths: [args.resolveDir] }),
    }));
  },
};

// Ajv stays out of the bundle (~150 kB less to parse at every start). The SDK's Server builds its default
// validator (Ajv, vendored inside @modelcontextprotocol/server as dist/ajvProvider-*.mjs) only when it is given
// none; src/server.ts always gives it one (the answers to our flat confirmation form need no more). The SDK
// reaches Ajv only through its packages' own import "@modelcontextprotocol/{server,client}/_shims", whose node
// build exports exactly { DefaultJsonSchemaValidator, process }: that specifier is served by a stand-in that
// fails loudly if the default validator is ever constructed. The one place this build leans on the SDK's
// layout; test/ship/bundle.test.ts fails if Ajv reaches the bundle again or the stand-in stops matching.
const SDK_SHIMS = /^@modelcontextprotocol\/(server|client)\/_shims$/;
const sdkWithoutAjv = {
  name: 'sdk-without-ajv',
  setup(b) {
    b.onResolve({ filter: SDK_SHIMS }, (args) => ({ path: args.path, namespace: 'sdk-without-ajv' }));
    b.onLoad({ filter: /.*/, namespace: 'sdk-without-ajv' }, () => ({
      contents: [
        "import process from 'node:process';",
        'export class DefaultJsonSchemaValidator {',
        "  constructor() { throw new Error('Ajv is not bundled: pass jsonSchemaValidator to the Server'); }",
        '}',
        'export { process };',
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// httpx and pop-core log through the `debug` package, which prints whatever DEBUG=… enables to stderr:
// with httpx:* that is the signed request, security token included. The bundle carries a silent one.
const silentDebug = {
  name: 'silent-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silent-debug' }));
    b.onLoad({ filter: /.*/, namespace: 'silent-debug' }, () => ({
      contents: [
        'function createDebug() { const log = () => {}; log.enabled = false; log.log = () => {}; log.extend = createDebug; log.destroy = () => true; return log; }',
        'createDebug.enable = () => {}; createDebug.disable = () => ""; createDebug.enabled = () => false;',
        'createDebug.debug = createDebug; createDebug.default = createDebug;',
        'module.exports = createDebug;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

// esbuild hoists `import … from 'node:http'` to the top of the bundle even when the importing module
// is lazy (the emulator, the API error table), so Node would load http, net, tls… at every start.
// Serving node built-ins as tiny CommonJS modules turns each import into a require() that runs when
// its importer is first evaluated.
// The heavy ones, whose loading costs start-up time or resident memory (crypto: some twenty internal modules;
// https and tls, which httpx requires even for an http:// endpoint; zlib for an answer that is never
// compressed), are loaded on the first use of one of their exports instead: their stand-in is a proxy that
// lists the module's export names (taken from the node that builds, for esbuild's ESM interop, which copies
// them without reading them) and loads the real module when one is read. Only modules whose exports object
// is a plain object are served so; an export newer than the building node is still found (the proxy's get).
const LOADED_ON_FIRST_USE = ['crypto', 'http', 'https', 'tls', 'zlib', 'dns', 'child_process'];

function onFirstUseStandIn(name) {
  const names = Object.getOwnPropertyNames(requireHere(`node:${name}`));
  return [
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(`node:${name}`)}));`,
    `const names = ${JSON.stringify(names)};`,
    'module.exports = new Proxy({}, {',
    // esbuild's interop asks for __esModule before anything else: not an export of a node built-in.
    "  get: (_, key) => (key === '__esModule' ? undefined : Reflect.get(load(), key)),",
    '  set: (_, key, value) => Reflect.set(load(), key, value),',
    '  has: (_, key) => Reflect.has(load(), key),',
    '  ownKeys: () => names,',
    '  getOwnPropertyDescriptor: (_, key) =>',
    '    names.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined,',
    '});',
  ].join('\n');
}

const lazyBuiltins = {
  name: 'lazy-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!builtinModules.includes(name)) return undefined;
      // The require() inside the stand-in itself is the real, external built-in.
      if (args.namespace === 'lazy-builtin') return { path: `node:${name}`, external: true };
      return { path: name, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: LOADED_ON_FIRST_USE.includes(args.path)
        ? onFirstUseStandIn(args.path)
        : `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

// HTTP mode (src/http/) is its own file, dist/http.js, built from src/http/serve.ts with its own copy
// of the server: express, jose and the rest are never parsed by a stdio start. src/index.ts reaches it
// only by `await import('./http/serve.js')`, which this plugin turns into an import of ./http.js beside
// the bin. In --http mode only http.js's copy of the server runs (its modules' state is not shared).
const httpAsSeparateFile = {
  name: 'http-as-separate-file',
  setup(b) {
    b.onResolve({ filter: /^\.\/http\/serve\.js$/ }, (args) =>
      /[\\/]src[\\/]index\.ts$/.test(args.importer) ? { path: `./${HTTP_FILE_NAME}`, external: true } : undefined,
    );
  },
};
const HTTP_FILE_NAME = 'http.js';

// The bin (src/bin.ts) loads the server only after it has turned on V8's compile cache, which covers modules
// loaded from then on: `import('./index.js')` becomes an import of the server's own file beside the bin.
const mainAsSeparateFile = {
  name: 'main-as-separate-file',
  setup(b) {
    b.onResolve({ filter: /^\.\/index\.js$/ }, (args) =>
      /[\\/]src[\\/]bin\.ts$/.test(args.importer) ? { path: `./${MAIN_FILE_NAME}`, external: true } : undefined,
    );
  },
};

// tools/list is on every start's critical path: its answer (the tools' JSON Schemas) is computed here,
// once, by the same code (describeTool), and defined into the bundle as __TOOL_LISTING__.
async function computeToolListing() {
  // Inside the repository, so that its packages resolve from node_modules.
  const dir = await mkdtemp(join(root, '.listing-'));
  try {
    const file = join(dir, 'listing.mjs');
    await build({
      absWorkingDir: root,
      stdin: {
        contents: "import { ALL_TOOLS } from './src/tools/index.ts'; import { describeTool } from './src/server.ts'; export const listing = ALL_TOOLS.map(describeTool);",
        resolveDir: root,
        loader: 'ts',
      },
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    const { listing } = await import(pathToFileURL(file).href);
    return listing;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The MCP Apps approval card (src/ui/view): one self-contained HTML file, its script and style inline (the host
// gives it no network), defined into the bundle as __APPROVAL_CARD_HTML__ and served as ui://…/route-change.
const CARD_MAX_BYTES = 60 * 1024;

async function buildApprovalCard() {
  const view = join(root, 'src/ui/view');
  const script = await build({
    absWorkingDir: root,
    entryPoints: [join(view, 'main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: ['chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  const style = await transform(await readFile(join(view, 'card.css'), 'utf8'), { loader: 'css', minify: true });
  const template = await readFile(join(view, 'card.html'), 'utf8');
  // Nothing inside the inline script may close it early.
  const js = script.outputFiles[0].text.replace(/<\/(script)/gi, (_, tag) => `<\\/${tag}`);
  const html = template.replace('/*__CARD_CSS__*/', () => style.code.trim()).replace('/*__CARD_JS__*/', () => js.trim());
  const bytes = Buffer.byteLength(html);
  if (bytes > CARD_MAX_BYTES) throw new Error(`the approval card is ${bytes} bytes, over its ${CARD_MAX_BYTES}-byte budget`);
  return html;
}

/** esbuild options of a server bundle (the bench builds the SDK's minimal server with them too, as a reference). */
export function serverBundleOptions({ minify = true, quiet = false, plugins = [] } = {}) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify,
    // No keepNames: error names the code relies on are set explicitly (this.name = …), not inferred.
    legalComments: 'eof',
    banner: { js: BANNER },
    metafile: true,
    plugins: [...plugins, lazyBuiltins, sdkWithoutAjv, silentDebug, zodEnglishOnly, ipNumValidatorOnly, popCoreRpcOnly],
    logLevel: quiet ? 'error' : 'warning',
  };
}

async function buildOne({ entry, outFile, listing, cardHtml, minify, quiet, plugins = [] }) {
  return writeBuilt(outFile, quiet, (outfile) =>
    build({
      ...serverBundleOptions({ minify, quiet, plugins }),
      entryPoints: [entry],
      outfile,
      define: { __TOOL_LISTING__: JSON.stringify(listing), __APPROVAL_CARD_HTML__: JSON.stringify(cardHtml) },
    }),
  );
}

// The bin: a few hundred bytes of plain ESM (node built-ins imported as such), compiled at every start.
async function buildBin({ outFile, minify, quiet }) {
  return writeBuilt(outFile, quiet, (outfile) =>
    build({
      absWorkingDir: root,
      entryPoints: ['src/bin.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      minify,
      metafile: true,
      plugins: [mainAsSeparateFile],
      logLevel: quiet ? 'error' : 'warning',
    }),
  );
}

async function writeBuilt(outFile, quiet, run) {
  // Written beside and renamed into place, so a server started meanwhile never reads half a file.
  const temporary = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  const result = await run(temporary);
  await rename(temporary, outFile);
  const { size } = await stat(outFile);
  if (!quiet) process.stderr.write(`built ${outFile} (${(size / 1024).toFixed(0)} kB)\n`);
  return { size, metafile: result.metafile };
}

export async function buildBundle({ quiet = false, minify = true, outFile = OUT_FILE } = {}) {
  const outDir = dirname(outFile);
  await mkdir(outDir, { recursive: true });
  const listing = await computeToolListing();
  const cardHtml = await buildApprovalCard();
  // http.js, then main.mjs, then the bin: what a file imports is never missing or stale when it is in place.
  const httpFile = join(outDir, HTTP_FILE_NAME);
  await buildOne({ entry: 'src/http/serve.ts', outFile: httpFile, listing, cardHtml, minify, quiet });
  const mainFile = join(outDir, MAIN_FILE_NAME);
  const { size, metafile } = await buildOne({ entry: 'src/index.ts', outFile: mainFile, listing, cardHtml, minify, quiet, plugins: [httpAsSeparateFile] });
  await buildBin({ outFile, minify, quiet });
  // Runnable as ./dist/index.js too (its shebang carries the node flags).
  await chmod(outFile, 0o755);
  if (outFile === OUT_FILE) {
    // Files of an earlier, unbundled build would ship with the package and mislead: remove them.
    const built = new Set(['index.js', MAIN_FILE_NAME, HTTP_FILE_NAME]);
    for (const entry of await readdir(OUT_DIR)) {
      if (!built.has(entry) && !entry.startsWith('.')) await rm(join(OUT_DIR, entry), { recursive: true, force: true });
    }
  }
  return { file: outFile, mainFile, httpFile, size, metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle();
}

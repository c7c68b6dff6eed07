// `npm run build`: bundles src/index.ts and every dependency into ONE file, dist/index.js, which is
// both package.json's bin and the server of the Claude Desktop bundle (scripts/pack.mjs copies it).
// Modules reached only through `await import()` (pop-core, @alicloud/credentials, the emulator) stay
// lazy: esbuild wraps them in __esm/__commonJS closures that run on first use, not at start-up.
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist');
export const OUT_FILE = join(OUT_DIR, 'index.js');

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

// The SDK's Server builds an Ajv instance (with every string format) in its constructor, although
// only elicitation results are ever validated with it. The stand-in has the same class name and
// methods and loads Ajv on the first validation. Pinned to the SDK file that imports it: any other
// importer, or an SDK whose import changes, gets the real module.
const sdkLazyAjv = {
  name: 'sdk-lazy-ajv',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/validation\/ajv-provider\.js$/ }, (args) => {
      if (!/[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]index\.js$/.test(args.importer)) return undefined;
      return { path: join(args.resolveDir, args.path), namespace: 'sdk-lazy-ajv' };
    });
    b.onLoad({ filter: /.*/, namespace: 'sdk-lazy-ajv' }, (args) => ({
      contents: [
        'export class AjvJsonSchemaValidator {',
        '  constructor(ajv) { this._ajv = ajv; }',
        '  getValidator(schema) {',
        `    this._real ??= new (require(${JSON.stringify(args.path)}).AjvJsonSchemaValidator)(this._ajv);`,
        '    return this._real.getValidator(schema);',
        '  }',
        '}',
      ].join('\n'),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

// esbuild hoists `import … from 'node:http'` to the top of the bundle even when the importing module
// is lazy (the emulator, the API error table), so Node would load http, net, tls… at every start.
// Serving node built-ins as tiny CommonJS modules turns each import into a require() that runs when
// its importer is first evaluated.
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
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

export async function buildBundle({ quiet = false, minify = true, outFile = OUT_FILE } = {}) {
  const outDir = dirname(outFile);
  await mkdir(outDir, { recursive: true });
  // Written beside and renamed into place, so a server started meanwhile never reads half a file.
  const temporary = join(outDir, `.index.${process.pid}.js`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts'],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify,
    // No keepNames: error names the code relies on are set explicitly (this.name = …), not inferred.
    legalComments: 'eof',
    banner: { js: BANNER },
    metafile: true,
    plugins: [lazyBuiltins, sdkLazyAjv, zodEnglishOnly, ipNumValidatorOnly, popCoreRpcOnly],
    logLevel: quiet ? 'error' : 'warning',
  });
  await rename(temporary, outFile);
  if (outFile === OUT_FILE) {
    // Files of an earlier, unbundled build would ship with the package and mislead: remove them.
    for (const entry of await readdir(OUT_DIR)) {
      if (entry !== 'index.js' && !entry.startsWith('.index.')) await rm(join(OUT_DIR, entry), { recursive: true, force: true });
    }
  }
  const { size } = await stat(outFile);
  if (!quiet) process.stderr.write(`built ${outFile} (${(size / 1024).toFixed(0)} kB)\n`);
  return { file: outFile, size, metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle();
}

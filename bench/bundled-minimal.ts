// A second reference for start-up: the minimal SDK server (bench/minimal-tools.mjs) built the way ours is, as one
// esbuild file with the same plugins (no Ajv, English-only zod, …) and started by a copy of our bin (the node flags,
// the compile cache). What it takes is what the SDK's own start-up costs once file loading is gone: a floor for any
// server on this SDK, against which the start-up targets can be read.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { MAIN_FILE_NAME, serverBundleOptions } from '../scripts/build.mjs';
import { ROOT } from './process.js';

// The bundle leaves Ajv out, so the server is given a validator; the echo tool never asks it anything.
const ENTRY = [
  "import { serveStdio } from '@modelcontextprotocol/server/stdio';",
  "import { createMinimalServer } from './bench/minimal-tools.mjs';",
  'const acceptAll = { getValidator() { return (input) => ({ valid: true, data: input, errorMessage: undefined }); } };',
  'serveStdio(() => createMinimalServer({ jsonSchemaValidator: acceptAll }));',
].join('\n');

/** Builds it beside a copy of our bin; returns the bin's path (start it like ours: with the bin's node flags). */
export async function buildBundledMinimal(entry: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-pbr-bundled-minimal-'));
  await build({
    ...serverBundleOptions({ quiet: true }),
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' },
    outfile: join(dir, MAIN_FILE_NAME),
  });
  // .mjs: an ES module without a package.json saying so (as server/index.mjs of the Claude Desktop bundle); it
  // imports ./main.mjs, built beside it above.
  const bin = join(dir, 'index.mjs');
  copyFileSync(entry, bin);
  return bin;
}

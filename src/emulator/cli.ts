// `alicloud-vpn-pbr-mcp emulator [--port N] [--seed FILE]`: the emulator as a standalone process.
import { readFile } from 'node:fs/promises';
import { EmulatorSeedError, normaliseSeed, parseSeedJson } from './seed.js';
import { startEmulator } from './server.js';
import type { EmulatorSeed } from './types.js';

const PREFIX = 'alicloud-vpn-pbr-mcp emulator';

const USAGE = `Usage: alicloud-vpn-pbr-mcp emulator [--port N] [--seed FILE]

Runs the local VPC OpenAPI emulator on 127.0.0.1 until SIGINT or SIGTERM.
  --port N      port to listen on; 0 (the default) picks a free one
  --seed FILE   JSON seed file (credentials, quota, applyMs, gateways, connections, routes);
                whatever it omits comes from the built-in sandbox demo account
  --help        show this help
Prints "listening on http://127.0.0.1:N" on stderr once it accepts requests.
`;

export interface EmulatorCliIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Stops the emulator like SIGINT does (for in-process callers). */
  signal?: AbortSignal;
}

interface CliArgs {
  help: boolean;
  port: number;
  seedFile?: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { help: false, port: 0 };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^(--port|--seed)(?:=(.*))?$/s.exec(arg);
    if (match === null) throw new UsageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${JSON.stringify(arg)}`);
    const name = match[1] ?? '';
    if (seen.has(name)) throw new UsageError(`${name} is given twice`);
    seen.add(name);
    let value = match[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    }
    if (name === '--port') {
      const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
      args.port = port;
    } else {
      if (value === '') throw new UsageError('--seed needs a file name');
      args.seedFile = value;
    }
  }
  return args;
}

async function loadSeed(file: string): Promise<EmulatorSeed> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot read seed file ${file}: ${reason}`);
  }
  const seed = parseSeedJson(source);
  normaliseSeed(seed); // fail here, with the file's name, rather than inside startEmulator
  return seed as EmulatorSeed;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Resolves with the process exit code: 0 after a clean stop, 2 for bad arguments or seed, 1 when it cannot listen. */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = {}): Promise<number | undefined> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));

  let args: CliArgs;
  let seed: EmulatorSeed | undefined;
  try {
    args = parseArgs(argv);
    if (args.help) {
      stdout(USAGE);
      return 0;
    }
    if (args.seedFile !== undefined) seed = await loadSeed(args.seedFile);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof EmulatorSeedError)) throw error;
    stderr(`${PREFIX}: ${oneLine(error.message)}\n`);
    return 2;
  }

  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({ port: args.port, ...(seed === undefined ? {} : { seed }) });
  } catch (error) {
    stderr(`${PREFIX}: cannot start: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return error instanceof EmulatorSeedError ? 2 : 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Only now: a caller that signals as soon as it reads the line must find the handlers in place.
    stderr(`listening on ${emulator.url}\n`);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await emulator.close();
  return 0;
}

// The Node.js lines the bench measures: the machine's own node and the maintained lines from the npm registry's
// `node` package (as .ci/run does; npm keeps each in ~/.npm/_npx, so only the first run downloads it).
import { execFileSync } from 'node:child_process';

export interface NodeLine {
  /** Major version: 20, 22, … */
  line: number;
  /** Full version without the v: 24.21.0. */
  version: string;
  /** The node binary. */
  execPath: string;
}

const MAINTAINED_LINES = [22, 24, 26];

function major(version: string): number {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** The machine's node, then each requested line (default: the maintained ones), in that order, each line once. */
export function nodeLines(requested?: readonly number[]): NodeLine[] {
  const own: NodeLine = { line: major(process.version), version: process.versions.node, execPath: process.execPath };
  const wanted = requested ?? [own.line, ...MAINTAINED_LINES];
  const lines: NodeLine[] = [];
  for (const line of [...new Set(wanted)]) {
    if (line === own.line) {
      lines.push(own);
      continue;
    }
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // One start of that node for its path and its version ("/path/to/node 24.21.0"; the path may hold spaces).
    const answer = execFileSync(npm, ['exec', '--yes', '--prefer-offline', `--package=node@${line}`, '--', 'node', '-p', 'process.execPath+" "+process.versions.node'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    const at = answer.lastIndexOf(' ');
    const execPath = answer.slice(0, at);
    const version = answer.slice(at + 1);
    if (major(version) !== line) throw new Error(`npm exec --package=node@${line} gave node ${version}`);
    lines.push({ line, version, execPath });
  }
  return lines;
}

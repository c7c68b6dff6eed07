// The README is a short front page; the reference in docs/ documents every option, tool and argument the server has:
// behaviour and docs move together, and no link between them points nowhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/config.js';
import { describeTool } from '../../src/server.js';
import { ALL_TOOLS } from '../../src/tools/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const readme = read('README.md');
const configuration = read('docs/configuration.md');
const tools = read('docs/tools-and-errors.md');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('README', () => {
  it('starts with what it is, then the two commands, install, what to ask, the tools and links, in at most 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Try it', 'Install', 'What to ask the agent', 'Tools', 'More']);
    const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## Install'));
    expect(tryIt).toContain('npm ci && npm run demo');
    expect(tryIt).toContain('npm ci && npm test');
  });

  it('says how to install the command before the first command that uses it', () => {
    const install = readme.indexOf('npm install -g .');
    expect(install).toBeGreaterThan(0);
    const firstUse = [...readme.matchAll(/^[^\n]*\balicloud-vpn-pbr-mcp (?:--|emulator|new-token)/gm)][0]?.index ?? Infinity;
    expect(install).toBeLessThan(firstUse);
  });

  it('names every tool in its table, and every field of the Claude Desktop install dialog', () => {
    for (const tool of ALL_TOOLS) expect(readme).toMatch(new RegExp(`^\\| \`${tool.name}\` \\|`, 'm'));
    const manifest = JSON.parse(read('manifest.json')) as { user_config: Record<string, { title: string }> };
    const dialog = readme.slice(readme.indexOf('The install\ndialog asks for:'), readme.indexOf('Nothing is required'));
    for (const { title } of Object.values(manifest.user_config)) expect(dialog.replace(/\s+/g, ' '), title).toContain(title);
  });
});

describe('docs/configuration.md', () => {
  it.each(OPTIONS.map((o) => [o.env, o.flag ?? '']))('documents %s %s', (env, flag) => {
    expect(configuration).toContain(`\`${env}\``);
    if (flag) expect(configuration).toContain(`\`${flag}\``);
  });
});

describe('docs/tools-and-errors.md', () => {
  it.each(ALL_TOOLS.map((t) => [t.name, t]))('documents tool %s and each of its arguments', (name, tool) => {
    expect(tools).toContain(`\`${name}\``);
    for (const arg of Object.keys(describeTool(tool).inputSchema.properties ?? {})) expect(tools, arg).toContain(`\`${arg}\``);
  });
});

describe('the README and docs/', () => {
  it('name no VPN_PBR_MCP_ variable the server does not read', () => {
    const known = new Set(OPTIONS.map((o) => o.env));
    for (const file of DOCS) {
      const named = [...read(file).matchAll(/\bVPN_PBR_MCP_[A-Z_]+[A-Z]\b/g)].map((m) => m[0]);
      expect(named.filter((name) => !known.has(name)), file).toEqual([]);
    }
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const text = read(file).replace(/^( *)```[\s\S]*?^\1```/gm, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue;
        const [path, anchor] = (target as string).split('#') as [string, string | undefined];
        const linked = path === '' ? file : join(dirname(file), path);
        if (!existsSync(join(ROOT, linked))) broken.push(`${file}: ${target}`);
        else if (anchor !== undefined && !anchors(read(linked)).has(anchor)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const text = markdown.replace(/^( *)```[\s\S]*?^\1```/gm, '');
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      (m[1] as string)
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

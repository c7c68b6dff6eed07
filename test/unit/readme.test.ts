// The README documents every option, tool and argument the server has: behaviour and docs move together.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/config.js';
import { describeTool } from '../../src/server.js';
import { ALL_TOOLS } from '../../src/tools/index.js';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it.each(OPTIONS.map((o) => [o.env, o.flag ?? '']))('documents %s %s', (env, flag) => {
    expect(readme).toContain(`\`${env}\``);
    if (flag) expect(readme).toContain(`\`${flag}\``);
  });

  it.each(ALL_TOOLS.map((t) => [t.name, t]))('documents tool %s and each of its arguments', (name, tool) => {
    expect(readme).toContain(`\`${name}\``);
    for (const arg of Object.keys(describeTool(tool).inputSchema.properties ?? {})) expect(readme, arg).toContain(`\`${arg}\``);
  });

  it('starts with the demo and test commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});

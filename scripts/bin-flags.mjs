// The node flags on the built bin's shebang line (`#!/usr/bin/env -S node --flag …`). Tests and benchmarks
// start the server with them, as a shell, npm's command shims and manifest.json's args do.
import { readFileSync } from 'node:fs';

/** @param {string} entry @returns {string[]} */
export function binNodeFlags(entry) {
  const first = readFileSync(entry, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node((?: --[a-z-]+(?:=\d+)?)+)$/.exec(first);
  return match?.[1] ? match[1].trim().split(' ') : [];
}

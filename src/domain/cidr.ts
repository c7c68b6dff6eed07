// Strict IPv4 CIDR parsing and block arithmetic on uint32 numbers.
import { Validator } from 'ip-num';

export interface Ipv4Cidr {
  text: string;
  first: number;
  last: number;
  prefix: number;
}

export type CidrParseResult = { ok: true; cidr: Ipv4Cidr } | { ok: false; reason: string; hint?: string };

const EXAMPLE_HINT = 'write an IPv4 CIDR block such as 10.0.0.0/24';
const DECIMAL = /^[0-9]+$/;
const CANONICAL_NUMBER = /^(0|[1-9][0-9]*)$/;

// Long or odd input is echoed shortened and quoted so messages stay readable.
function show(text: string): string {
  const cut = text.length > 64 ? `${text.slice(0, 61)}...` : text;
  return /[^\x21-\x7e]/.test(cut) || cut === '' ? JSON.stringify(cut) : cut;
}

function fail(reason: string, hint?: string): CidrParseResult {
  return hint === undefined ? { ok: false, reason } : { ok: false, reason, hint };
}

export function prefixMask(prefix: number): number {
  // `<< 32` is a no-op in JS, so /0 needs its own case.
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function uint32ToIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

// Hint for a near-miss: suggest the normalised text only when it is itself valid (or its network is).
function suggest(candidate: string): string | undefined {
  const again = parseIPv4Cidr(candidate);
  if (again.ok) return `use ${again.cidr.text}`;
  return again.hint?.startsWith('use ') ? again.hint : undefined;
}

/** Parses and checks a CIDR block given by a user: our strict rules, then ip-num's validator. */
export function parseIPv4Cidr(text: string): CidrParseResult {
  const result = parseListedCidr(text);
  if (!result.ok) return result;
  // Second opinion from ip-num; our checks are stricter, so a disagreement means a bug here.
  const [valid, messages] = Validator.isValidIPv4CidrRange(text);
  if (!valid) return fail(`${show(text)} is not a valid CIDR block: ${messages.join('; ')}`, EXAMPLE_HINT);
  return result;
}

/** Our strict rules alone: for blocks the API already accepted (listed routes), parsed by the thousand. */
export function parseListedCidr(text: string): CidrParseResult {
  const cidr = typeof text === 'string' ? parseCanonicalCidr(text) : undefined;
  return cidr === undefined ? explainCidr(text) : { ok: true, cidr };
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const SLASH = 47;

/**
 * The fast path for the one form the strict rules accept (a.b.c.d/p in decimal, no leading zeros, no
 * host bits), one pass over the characters; undefined for anything else, which explainCidr then judges.
 */
export function parseCanonicalCidr(text: string): Ipv4Cidr | undefined {
  const length = text.length;
  let address = 0;
  let octets = 0;
  let value = -1;
  let i = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (value === 0) return undefined;
      value = value < 0 ? c - ZERO : value * 10 + c - ZERO;
      if (value > 255) return undefined;
    } else if (c === DOT || c === SLASH) {
      if (value < 0) return undefined;
      address = address * 256 + value;
      value = -1;
      octets++;
      if (c === SLASH) break;
    } else {
      return undefined;
    }
  }
  if (octets !== 4 || i === length) return undefined;
  let prefix = -1;
  for (i++; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE || prefix === 0) return undefined;
    prefix = prefix < 0 ? c - ZERO : prefix * 10 + c - ZERO;
    if (prefix > 32) return undefined;
  }
  if (prefix < 0) return undefined;
  const mask = prefixMask(prefix);
  if ((address & mask) >>> 0 !== address) return undefined;
  return { text, first: address, last: (address | ~mask) >>> 0, prefix };
}

/** The slow path: the same rules step by step, to say what is wrong with a block and how to fix it. */
export function explainCidr(text: string): CidrParseResult {
  if (typeof text !== 'string') return fail(`${String(text)} is not a string`, EXAMPLE_HINT);
  if (text === '') return fail('the CIDR block is empty', EXAMPLE_HINT);
  if (/\s/.test(text)) {
    const trimmed = text.replace(/\s+/g, '');
    return fail(`${show(text)} contains whitespace`, trimmed === '' ? EXAMPLE_HINT : (suggest(trimmed) ?? EXAMPLE_HINT));
  }
  if (text.includes(':')) return fail(`${show(text)} looks like IPv6; IPv6 is not supported`, 'use an IPv4 CIDR block such as 10.0.0.0/24');

  const parts = text.split('/');
  if (parts.length === 1) return fail(`${show(text)} is missing /prefix`, `add a prefix length, e.g. ${show(text)}/32 for a single address`);
  if (parts.length > 2) return fail(`${show(text)} has more than one /`, EXAMPLE_HINT);
  const [addressText = '', prefixText = ''] = parts;

  const octets = addressText.split('.');
  if (octets.length !== 4) return fail(`${show(text)} has ${octets.length} octet${octets.length === 1 ? '' : 's'}; an IPv4 address has 4`, EXAMPLE_HINT);
  let zeroPadded: string | undefined;
  let address = 0;
  for (const octet of octets) {
    if (!DECIMAL.test(octet)) return fail(`${show(text)}: octet ${show(octet)} is not a decimal number`, EXAMPLE_HINT);
    const value = Number(octet);
    if (value > 255) return fail(`${show(text)}: octet ${show(octet)} is out of range (0 to 255)`, EXAMPLE_HINT);
    if (!CANONICAL_NUMBER.test(octet)) zeroPadded ??= `octet ${octet}`;
    address = address * 256 + value;
  }

  if (prefixText === '') return fail(`${show(text)} is missing /prefix (nothing after /)`, 'add a prefix length from 0 to 32');
  if (!DECIMAL.test(prefixText)) return fail(`${show(text)}: prefix ${show(prefixText)} is not a number from 0 to 32`, EXAMPLE_HINT);
  const prefix = Number(prefixText);
  if (prefix > 32) return fail(`${show(text)}: prefix ${show(prefixText)} is larger than 32`, 'use a prefix length from 0 to 32');
  if (!CANONICAL_NUMBER.test(prefixText)) zeroPadded ??= `prefix ${prefixText}`;

  if (zeroPadded !== undefined) {
    // Leading zeros are ambiguous: some tools read 010 as octal 8, so refuse rather than guess.
    const normal = `${octets.map((o) => String(Number(o))).join('.')}/${prefix}`;
    const hint = suggest(normal);
    return fail(`${show(text)}: ${zeroPadded} has a leading zero (ambiguous: some tools read it as octal)`, hint ?? EXAMPLE_HINT);
  }

  const mask = prefixMask(prefix);
  const first = (address & mask) >>> 0;
  if (first !== address) {
    return fail(`${show(text)} has host bits set`, `use ${uint32ToIPv4(first)}/${prefix}`);
  }

  return { ok: true, cidr: { text, first, last: (first | ~mask) >>> 0, prefix } };
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function sameCidr(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first === b.first && a.last === b.last;
}

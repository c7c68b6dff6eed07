import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrsOverlap,
  explainCidr,
  type Ipv4Cidr,
  parseCanonicalCidr,
  parseIPv4Cidr,
  parseListedCidr,
  prefixMask,
  sameCidr,
  uint32ToIPv4,
} from '../../src/domain/cidr.js';

const canonical = fc
  .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([address, prefix]) => `${uint32ToIPv4((address & prefixMask(prefix)) >>> 0)}/${prefix}`);

function parsed(text: string): Ipv4Cidr {
  const r = parseIPv4Cidr(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.cidr;
}

describe('CIDR properties', () => {
  it('a canonical CIDR round-trips with the same text and a consistent range', () => {
    fc.assert(
      fc.property(canonical, (text) => {
        const c = parsed(text);
        expect(c.text).toBe(text);
        expect(c.last - c.first + 1).toBe(2 ** (32 - c.prefix));
        expect(`${uint32ToIPv4(c.first)}/${c.prefix}`).toBe(text);
      }),
    );
  });

  it('overlap is symmetric and matches containment', () => {
    fc.assert(
      fc.property(canonical, canonical, (a, b) => {
        const x = parsed(a);
        const y = parsed(b);
        expect(cidrsOverlap(x, y)).toBe(cidrsOverlap(y, x));
        // Aligned blocks either nest or are disjoint.
        expect(cidrsOverlap(x, y)).toBe(cidrContains(x, y) || cidrContains(y, x));
        expect(sameCidr(x, y)).toBe(a === b);
      }),
    );
  });

  it('a block overlaps, contains and equals itself', () => {
    fc.assert(
      fc.property(canonical, (text) => {
        const c = parsed(text);
        expect(cidrsOverlap(c, c)).toBe(true);
        expect(cidrContains(c, c)).toBe(true);
        expect(sameCidr(c, c)).toBe(true);
      }),
    );
  });

  it('a CIDR with host bits is rejected with a hint that itself parses to the containing block', () => {
    const withHostBits = fc
      .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 31 }))
      .filter(([address, prefix]) => ((address & prefixMask(prefix)) >>> 0) !== address);
    fc.assert(
      fc.property(withHostBits, ([address, prefix]) => {
        const text = `${uint32ToIPv4(address)}/${prefix}`;
        const r = parseIPv4Cidr(text);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.reason).toBe(`${text} has host bits set`);
        expect(r.hint).toMatch(/^use /);
        const suggestion = parsed((r.hint ?? '').slice('use '.length));
        expect(suggestion.prefix).toBe(prefix);
        expect(suggestion.first <= address && address <= suggestion.last).toBe(true);
      }),
    );
  });

  it('never throws and agrees with the strict grammar on arbitrary text', () => {
    const strict = /^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}\/(0|[1-9][0-9]?)$/;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9./: ]{1,20}$/)), (text) => {
        const r = parseIPv4Cidr(text);
        if (r.ok) expect(text).toMatch(strict);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('the fast path for listed CIDRs', () => {
  it('agrees with the step-by-step rules on arbitrary and near-valid text', () => {
    // Numbers with and without leading zeros, in range and just out of it, joined by the right and wrong separators.
    const number = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('0', '00', '01', '010', '255', '0255', ''));
    const nearValid = fc
      .tuple(fc.array(number, { minLength: 3, maxLength: 5 }), fc.constantFrom('/', '//', '', '/ ', ':'), fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom('00', '08', '')))
      .map(([octets, slash, prefix]) => `${octets.join('.')}${slash}${prefix}`);
    // Aligned addresses with prefix lengths in and out of range.
    const anyPrefix = fc
      .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 99 }))
      .map(([address, prefix]) => `${uint32ToIPv4((address & prefixMask(Math.min(prefix, 32))) >>> 0)}/${prefix}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), nearValid, canonical, anyPrefix), (text) => {
        const slow = explainCidr(text);
        const fast = parseCanonicalCidr(text);
        expect(fast).toEqual(slow.ok ? slow.cidr : undefined);
        expect(parseListedCidr(text)).toEqual(slow);
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, type Ipv4Cidr, parseIPv4Cidr, sameCidr } from '../../src/domain/cidr.js';

function cidr(text: string): Ipv4Cidr {
  const r = parseIPv4Cidr(text);
  if (!r.ok) throw new Error(`test setup: ${text} should parse: ${r.reason}`);
  return r.cidr;
}

function failure(text: string): { reason: string; hint?: string } {
  const r = parseIPv4Cidr(text);
  if (r.ok) throw new Error(`${text} should be rejected`);
  return r;
}

describe('parseIPv4Cidr accepts canonical blocks', () => {
  it.each([
    ['10.0.0.0/8', 0x0a000000, 0x0affffff, 8],
    ['192.168.1.0/24', 0xc0a80100, 0xc0a801ff, 24],
    ['0.0.0.0/0', 0, 0xffffffff, 0],
    ['255.255.255.255/32', 0xffffffff, 0xffffffff, 32],
    ['1.2.3.4/32', 0x01020304, 0x01020304, 32],
    ['128.0.0.0/1', 0x80000000, 0xffffffff, 1],
    ['0.0.0.0/32', 0, 0, 32],
  ])('%s', (text, first, last, prefix) => {
    expect(parseIPv4Cidr(text)).toEqual({ ok: true, cidr: { text, first, last, prefix } });
  });
});

describe('parseIPv4Cidr rejects with a plain reason', () => {
  it('host bits, with the network address as hint', () => {
    expect(parseIPv4Cidr('10.0.0.5/24')).toEqual({ ok: false, reason: '10.0.0.5/24 has host bits set', hint: 'use 10.0.0.0/24' });
    expect(failure('1.2.3.4/0').hint).toBe('use 0.0.0.0/0');
    expect(failure('255.255.255.255/31').hint).toBe('use 255.255.255.254/31');
  });

  it.each([
    ['010.0.0.0/8', 'octet 010 has a leading zero', 'use 10.0.0.0/8'],
    ['10.00.0.0/16', 'octet 00 has a leading zero', 'use 10.0.0.0/16'],
    ['10.0.0.0/08', 'prefix 08 has a leading zero', 'use 10.0.0.0/8'],
    ['10.0.0.0/00', 'prefix 00 has a leading zero', 'use 0.0.0.0/0'],
  ])('leading zeros: %s', (text, reason, hint) => {
    const f = failure(text);
    expect(f.reason).toContain(reason);
    expect(f.hint).toBe(hint);
  });

  it('leading zeros combined with host bits hint at the network', () => {
    expect(failure('010.0.0.5/024').hint).toBe('use 10.0.0.0/24');
  });

  it.each([
    ['256.0.0.0/8', 'octet 256 is out of range'],
    ['10.0.0.999/32', 'octet 999 is out of range'],
    ['10.0.0.0/33', 'prefix 33 is larger than 32'],
    ['10.0.0.0/100', 'prefix 100 is larger than 32'],
    ['10.0.0.0', 'missing /prefix'],
    ['10.0.0.0/', 'missing /prefix'],
    ['::/0', 'IPv6 is not supported'],
    ['2001:db8::/32', 'IPv6 is not supported'],
    ['::ffff:10.0.0.0/104', 'IPv6 is not supported'],
    ['', 'empty'],
    ['10.0.0/8', 'has 3 octets'],
    ['10.0.0.0.0/8', 'has 5 octets'],
    ['10..0.0/8', 'octet "" is not a decimal number'],
    ['a.b.c.d/8', 'octet a is not a decimal number'],
    ['0x0a.0.0.0/8', 'not a decimal number'],
    ['-1.0.0.0/8', 'not a decimal number'],
    ['+1.0.0.0/8', 'not a decimal number'],
    ['1e1.0.0.0/8', 'not a decimal number'],
    ['１0.0.0.0/8', 'not a decimal number'],
    ['10.0.0.0/-1', 'not a number from 0 to 32'],
    ['10.0.0.0/+8', 'not a number from 0 to 32'],
    ['10.0.0.0/8.0', 'not a number from 0 to 32'],
    ['10.0.0.0/255.0.0.0', 'not a number from 0 to 32'],
    ['10.0.0.0/8/8', 'more than one /'],
  ])('%s', (text, reason) => {
    const f = failure(text);
    expect(f.reason).toContain(reason);
    expect(f.hint).toBeTruthy();
  });

  it.each([' 10.0.0.0/8', '10.0.0.0/8 ', '10.0.0.0 /8', '10.0.0.0/8\n', '\t10.0.0.0/8', '10.0.0.0/\u00a08'])('whitespace: %j', (text) => {
    const f = failure(text);
    expect(f.reason).toContain('whitespace');
    expect(f.hint).toBe('use 10.0.0.0/8');
  });

  it('survives non-string input from untrusted JSON', () => {
    expect(parseIPv4Cidr(42 as unknown as string).ok).toBe(false);
    expect(parseIPv4Cidr(undefined as unknown as string).ok).toBe(false);
  });

  it('shortens very long input in the reason', () => {
    const f = failure(`10.0.0.0/${'9'.repeat(10_000)}`);
    expect(f.reason.length).toBeLessThan(200);
  });
});

describe('block relations', () => {
  it('overlap', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.255/32'))).toBe(true);
    expect(cidrsOverlap(cidr('0.0.0.0/0'), cidr('255.255.255.255/32'))).toBe(true);
    expect(cidrsOverlap(cidr('0.0.0.0/1'), cidr('128.0.0.0/1'))).toBe(false);
  });

  it('containment', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('11.0.0.0/8'))).toBe(false);
  });

  it('sameCidr', () => {
    expect(sameCidr(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
    expect(sameCidr(cidr('10.0.0.0/8'), cidr('10.0.0.0/9'))).toBe(false);
    expect(sameCidr(cidr('0.0.0.0/32'), cidr('0.0.0.0/31'))).toBe(false);
  });
});

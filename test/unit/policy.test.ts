// The allowlists hide what they leave out, also inside texts the API answers with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hideOutsideAllowlists } from '../../src/policy.js';

const policy = { allowedRegions: ['cn-hangzhou'], allowedGateways: ['vpn-bp1allowed'] };

describe('hideOutsideAllowlists', () => {
  it('replaces gateways and regions outside the allowlists, keeps the allowed ones and plain words', () => {
    const text = 'NextHop vco-abc belongs to vpn-bp1hidden in ap-southeast-1 (cn-shanghai), not vpn-bp1allowed in cn-hangzhou; a dry-run read-only check.';
    expect(hideOutsideAllowlists(text, policy)).toBe(
      'NextHop vco-abc belongs to [hidden gateway] in [hidden region] ([hidden region]), not vpn-bp1allowed in cn-hangzhou; a dry-run read-only check.',
    );
  });

  it('changes nothing without allowlists', () => {
    fc.assert(fc.property(fc.string(), (text) => hideOutsideAllowlists(text, {}) === text));
  });

  it('never lets a hidden gateway ID through, whatever surrounds it', () => {
    const hidden = fc.stringMatching(/^vpn-[a-z0-9]{1,20}$/).filter((g) => g !== 'vpn-bp1allowed');
    const filler = fc.stringMatching(/^[ -~]{0,30}$/);
    fc.assert(
      fc.property(filler, hidden, filler, (before, gateway, after) =>
        hideOutsideAllowlists(`${before} ${gateway}, ${after}`, policy).includes(' [hidden gateway], '),
      ),
    );
  });
});

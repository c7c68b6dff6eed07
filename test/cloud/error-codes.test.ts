import { describe, expect, it } from 'vitest';
import { hintFor, isRetryableCode } from '../../src/cloud/error-codes.js';

describe('isRetryableCode', () => {
  it('retries busy-gateway, throttling and 5xx codes and nothing else', () => {
    for (const code of ['VpnGateway.Configuring', 'TaskConflict', 'VpnTask.CONFLICT', 'Appliance.Configuring',
      'VpnConnection.Configuring', 'Throttling', 'Throttling.User', 'ServiceUnavailable', 'InternalError']) {
      expect(isRetryableCode(code), code).toBe(true);
    }
    for (const code of ['VpnRouteEntry.Conflict', 'Forbidden', 'DryRunOperation', 'Resource.QuotaFull',
      'InvalidVpnGatewayInstanceId.NotFound', 'SignatureDoesNotMatch']) {
      expect(isRetryableCode(code, 400), code).toBe(false);
    }
    expect(isRetryableCode('SomethingNew', 503)).toBe(true);
  });
});

describe('hintFor', () => {
  it('says what to do next where it is obvious', () => {
    expect(hintFor('VpnGateway.FinancialLocked', 'X')).toMatch(/top up/i);
    expect(hintFor('InvalidVpnGatewayInstanceId.NotFound', 'X')).toMatch(/region/);
    expect(hintFor('VpnGateway.Configuring', 'X')).toMatch(/wait/);
    expect(hintFor('VpnRouteEntry.InvalidWeight', 'X')).toBeUndefined();
  });
});

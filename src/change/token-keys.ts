// What a confirmation token is bound to besides the arguments: the kind of change, and where it goes
// (sandbox or cloud, endpoint, and the account actually used: the resolved AccessKey ID, hashed).
import type { VpcClient } from '../cloud/vpc-client.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import { signingKey, targetDigest, type TokenKeys } from '../confirm/token.js';
import type { CallContext } from '../call-context.js';
import type { ChangeKind, ChangeTarget } from './change-kind.js';

export async function tokenKeys<T extends ChangeTarget>(kind: ChangeKind<T>, cloud: VpcClient, ctx: CallContext): Promise<TokenKeys> {
  const { config } = ctx;
  // A token from a server connected elsewhere, or signing as another account, is refused.
  const target = targetDigest([
    CHANGE_KINDS[kind.name].tool,
    config.sandbox ? 'sandbox' : 'cloud',
    // The sandbox's emulator listens on a new port in each process; its state file makes them one account.
    config.sandbox ? 'built-in emulator' : (config.endpoint ?? 'https://vpc.<region>.aliyuncs.com'),
    await cloud.accountDigest(),
  ]);
  return {
    secret: signingKey(config.confirmSecret),
    ttlSeconds: config.confirmTtlSeconds,
    target,
    now: ctx.now,
    tool: CHANGE_KINDS[kind.name].tool,
    sandbox: config.sandbox,
  };
}

// A change token binds what was previewed (the kind's witness): the confirm holds it against a fresh listing
// before the human is asked and again right before sending, and sends nothing when it changed.
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import type { TokenFacts } from '../confirm/token.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import type { AppError } from '../errors/app-error.js';
import { routeChangedSincePreview, routeListUnavailable } from '../errors/factories.js';
import type { ChangeKind, ChangeTarget } from './change-kind.js';
import { sameFacts } from './route-facts.js';

/**
 * The refusal when the listing shows neither what was previewed nor this change already made (a replay finds
 * the latter); undefined when the change may go on. An unreadable listing (undefined) refuses, retryably.
 */
export function witnessRefusal<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  previewed: TokenFacts | undefined,
  routes: readonly PbrRoute[] | undefined,
  sentBefore: boolean,
): AppError | undefined {
  const { witness } = kind;
  if (witness === undefined || previewed === undefined) return undefined;
  const tool = CHANGE_KINDS[kind.name].tool;
  if (routes === undefined) return routeListUnavailable(tool);
  const now = witness.observe(target, routes);
  if (sameFacts(now, previewed) || sameFacts(now, witness.after(target, previewed))) return undefined;
  return routeChangedSincePreview(witness.describe(previewed, now, sentBefore), tool);
}

/** witnessRefusal on a listing read now (before the human is asked); a failed read refuses. */
export async function checkWitness<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  previewed: TokenFacts | undefined,
  cloud: VpcClient,
  sentBefore: boolean,
): Promise<AppError | undefined> {
  if (kind.witness === undefined || previewed === undefined) return undefined;
  const routes = await cloud.listPbrRoutes(target.regionId, target.vpnGatewayId).catch(() => undefined);
  return witnessRefusal(kind, target, previewed, routes, sentBefore);
}

// A change token binds what was previewed (the kind's witness): the confirm holds it against a fresh listing
// before the human is asked and again right before sending, and sends nothing when it changed.
import type { PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import type { TokenFacts } from '../confirm/token.js';
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import type { AppError } from '../errors/app-error.js';
import { routeChangedSincePreview, routeListUnavailable } from '../errors/factories.js';
import type { ChangeKind, ChangeTarget } from './change-kind.js';
import { sameFacts } from './route-facts.js';

/** What a confirm found: a refusal, or how many steps the listing shows made already (0: as previewed). */
export type WitnessCheck = { refusal: AppError } | { made: number };

/**
 * The listing must show what was previewed, or what the first k steps of this very change leave (a replay, a resume);
 * anything else refuses. An unreadable listing (undefined) refuses, retryably. Kinds without a witness always go on.
 */
export function checkListing<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  previewed: TokenFacts | undefined,
  routes: readonly PbrRoute[] | undefined,
  sentBefore: boolean,
): WitnessCheck {
  const { witness } = kind;
  if (witness === undefined || previewed === undefined) return { made: 0 };
  const tool = CHANGE_KINDS[kind.name].tool;
  if (routes === undefined) return { refusal: routeListUnavailable(tool) };
  const now = witness.observe(target, routes);
  const expected = witness.expected(target, previewed);
  // The furthest state this change's own steps explain: a resume never repeats a step it can see made.
  for (let k = expected.length; k >= 1; k--) if (sameFacts(now, expected[k - 1])) return { made: k };
  if (sameFacts(now, previewed)) return { made: 0 };
  return { refusal: routeChangedSincePreview(witness.describe(previewed, now, sentBefore), tool) };
}

/** checkListing on a listing read now (before the human is asked); a failed read refuses. */
export async function checkWitness<T extends ChangeTarget>(
  kind: ChangeKind<T>,
  target: T,
  previewed: TokenFacts | undefined,
  cloud: VpcClient,
  sentBefore: boolean,
): Promise<WitnessCheck> {
  if (kind.witness === undefined || previewed === undefined) return { made: 0 };
  const routes = await cloud.listPbrRoutes(target.regionId, target.vpnGatewayId).catch(() => undefined);
  return checkListing(kind, target, previewed, routes, sentBefore);
}

// The facts a change token binds about one listed route (its weight, priority, published state and creation
// time), and the words for how they changed: shared by the kinds that change a listed route (delete, modify).
import type { PbrRoute } from '../cloud/vpc-client.js';
import type { TokenFacts } from '../confirm/token.js';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { sameTriple } from '../domain/plan-table.js';
import type { RouteIdentity } from '../domain/types.js';
import { isoSeconds } from '../util.js';

export interface RouteFacts extends Record<string, string | number | null> {
  weight: number;
  priority: number;
  state: string | null;
  createTime: number | null;
}

export function routeFacts(r: PbrRoute): RouteFacts {
  return { weight: r.weight, priority: r.priority ?? DEFAULT_PBR_PRIORITY, state: r.state ?? null, createTime: r.createTime ?? null };
}

/** The listed route the API knows by this identity (source, destination, next hop), whatever its other fields now. */
export function findListed(identity: Pick<RouteIdentity, 'routeSource' | 'routeDest' | 'nextHop' | 'priority'>, routes: readonly PbrRoute[]): PbrRoute | undefined {
  const same = routes.filter((r) => sameTriple(r, identity));
  return same.find((r) => (r.priority ?? DEFAULT_PBR_PRIORITY) === identity.priority) ?? same[0];
}

/** The witness's `observe` for a kind that changes one listed route. */
export function observeRoute(identity: RouteIdentity, routes: readonly PbrRoute[]): RouteFacts | undefined {
  const listed = findListed(identity, routes);
  return listed && routeFacts(listed);
}

export function sameFacts(a: TokenFacts | undefined, b: TokenFacts | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

const show = (key: string, value: TokenFacts[string] | undefined): string =>
  value === null || value === undefined ? 'none' : key === 'createTime' && typeof value === 'number' ? (isoSeconds(value) ?? String(value)) : String(value);

/**
 * "The route changed since the preview: priority was 20, now 30; state was published, now normal", or, when the
 * route was replaced (another creation time), which route is listed instead; `replaced` says what a replay means there.
 */
export function describeRouteChange(previewed: TokenFacts, now: TokenFacts | undefined, replaced: string): string {
  if (now === undefined) return 'The previewed route is no longer listed.';
  const changes = Object.keys(previewed)
    .filter((key) => key !== 'createTime' && previewed[key] !== now[key])
    .map((key) => `${key} was ${show(key, previewed[key])}, now ${show(key, now[key])}`);
  if (previewed.createTime === now.createTime) return `The route changed since the preview: ${changes.join('; ')}.`;
  const differs = changes.length > 0 ? `, and differs from it: ${changes.join('; ')}` : ', with the same values';
  return (
    `The previewed route (created ${show('createTime', previewed.createTime)}) is no longer listed; another with the same identity, ` +
    `created ${show('createTime', now.createTime)}, is${differs}. ${replaced}`
  );
}

// The requests a stepped change is made of (a modify, a change set): create, delete, set weight and/or priority,
// publish or withdraw, each with how the route list shows it done. One builder per request, shared by the kinds.
import type { CallOptions, PbrRoute, VpcClient } from '../cloud/vpc-client.js';
import { DEFAULT_PBR_PRIORITY } from '../domain/ids.js';
import { stateOf } from '../domain/plan-table.js';
import type { RouteIdentity, RouteSpec } from '../domain/types.js';
import { stripUndefined } from '../util.js';
import type { Sent, Sighting, Step } from './change-kind.js';
import { findListed } from './route-facts.js';

const route3 = (r: Pick<RouteSpec, 'routeSource' | 'routeDest' | 'nextHop'>) => `${r.routeSource} -> ${r.routeDest} via ${r.nextHop}`;

/** The route named by blocks and next hop shows `fields`: done; another route with them: pending. */
function sightFields(identity: RouteIdentity, fields: { weight?: number; priority?: number; state?: string }) {
  return (routes: readonly PbrRoute[]): Sighting => {
    const listed = findListed({ ...identity, priority: undefined }, routes);
    if (listed === undefined) return { state: 'pending' };
    const done =
      (fields.weight === undefined || listed.weight === fields.weight) &&
      (fields.priority === undefined || (listed.priority ?? DEFAULT_PBR_PRIORITY) === fields.priority) &&
      (fields.state === undefined || listed.state === undefined || listed.state === fields.state);
    return { state: done ? 'applied' : 'pending', route: listed };
  };
}

/** CreateVpnPbrRouteEntry for these arguments (a create, or a change set's create step). */
export async function sendCreate(route: RouteSpec, clientToken: string, cloud: VpcClient, options: CallOptions): Promise<Sent> {
  const { answeredAt, ...created } = await cloud.createPbrRoute({ ...route, clientToken }, options);
  return stripUndefined({ requestId: created.requestId, route: { ...created }, madeAt: created.createTime, answeredAt });
}

/** DeleteVpnPbrRouteEntry for this identity (a delete, or a change set's delete step). */
export async function sendDelete(identity: RouteIdentity, clientToken: string, cloud: VpcClient, options: CallOptions): Promise<Sent> {
  const { requestId } = await cloud.deletePbrRoute({ ...identity, clientToken }, options);
  return { requestId };
}

export function createStep(route: RouteSpec, inserted?: string): Step {
  const sight = sightFields(route, { weight: route.weight, priority: route.priority ?? DEFAULT_PBR_PRIORITY, state: stateOf(route.publishVpc) });
  return stripUndefined({
    action: 'CreateVpnPbrRouteEntry',
    describe: `create ${route3(route)} (weight ${route.weight}, priority ${route.priority ?? `default ${DEFAULT_PBR_PRIORITY}`}, ${route.publishVpc ? 'published' : 'not published'})`,
    route,
    inserted,
    send: (clientToken, cloud, options) => sendCreate(route, clientToken, cloud, options),
    // A route with these blocks and next hop but other fields is someone else's.
    sight: (routes: readonly PbrRoute[]): Sighting => {
      const seen = sight(routes);
      return seen.state === 'pending' && seen.route ? { state: 'foreign', route: seen.route } : seen;
    },
    settledByListing: ['VpnRouteEntry.AlreadyExists'],
  });
}

export function deleteStep(identity: RouteIdentity, inserted?: string): Step {
  return stripUndefined({
    action: 'DeleteVpnPbrRouteEntry',
    describe: `delete ${route3(identity)} (weight ${identity.weight})`,
    route: identity,
    inserted,
    send: (clientToken, cloud, options) => sendDelete(identity, clientToken, cloud, options),
    sight: (routes: readonly PbrRoute[]): Sighting => {
      const listed = findListed({ ...identity, priority: undefined }, routes);
      return listed ? { state: 'pending', route: listed } : { state: 'applied' };
    },
    settledByListing: [],
  });
}

/**
 * Weight and/or priority of a listed route: ModifyVpnPbrRouteEntryAttribute for both (it needs the current priority),
 * else ModifyVpnPbrRouteEntryWeight or ModifyVpnPbrRouteEntryPriority. `identity` holds the current weight and the
 * priority to name it by (sent only when given: a gateway without priorities refuses any); `current` the listed one.
 */
export function weightPriorityStep(identity: RouteIdentity, current: number, change: { newWeight?: number; newPriority?: number }, inserted?: string): Step {
  const { newWeight, newPriority } = change;
  const words = [newWeight === undefined ? '' : `weight ${identity.weight} -> ${newWeight}`, newPriority === undefined ? '' : `priority ${current} -> ${newPriority}`].filter(Boolean);
  const base = { ...identity };
  const send: Step['send'] = async (clientToken, cloud, options) => {
    if (newWeight !== undefined && newPriority !== undefined) return cloud.modifyPbrRouteAttribute({ ...base, priority: current, newWeight, newPriority, clientToken }, options);
    if (newWeight !== undefined) return cloud.modifyPbrRouteWeight({ ...base, newWeight, clientToken }, options);
    return cloud.modifyPbrRoutePriority({ ...base, priority: current, newPriority: newPriority ?? current, clientToken }, options);
  };
  const action = newWeight !== undefined && newPriority !== undefined ? 'ModifyVpnPbrRouteEntryAttribute' : newWeight !== undefined ? 'ModifyVpnPbrRouteEntryWeight' : 'ModifyVpnPbrRouteEntryPriority';
  return stripUndefined({
    action,
    describe: `set ${words.join(' and ')} of ${route3(identity)}`,
    route: identity,
    inserted,
    send,
    sight: sightFields(identity, { weight: newWeight, priority: newPriority }),
    settledByListing: [],
  });
}

/** PublishVpnRouteEntry: advertise the route to the VPC route table, or withdraw it. */
export function publishStep(identity: RouteIdentity, publishVpc: boolean, inserted?: string): Step {
  return stripUndefined({
    action: 'PublishVpnRouteEntry',
    describe: `${publishVpc ? 'publish' : 'withdraw'} ${route3(identity)} ${publishVpc ? 'to' : 'from'} the VPC route table`,
    route: { ...identity, publishVpc },
    inserted,
    send: async (clientToken, cloud, options) => ({
      requestId: (await cloud.publishPbrRoute({ regionId: identity.regionId, vpnGatewayId: identity.vpnGatewayId, routeDest: identity.routeDest, nextHop: identity.nextHop, publishVpc, clientToken }, options)).requestId,
    }),
    sight: sightFields(identity, { state: stateOf(publishVpc) }),
    settledByListing: [],
  });
}

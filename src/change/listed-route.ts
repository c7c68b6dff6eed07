// A route as DescribeVpnPbrRouteEntries lists it, as results and messages show it.
import type { PbrRoute } from '../cloud/vpc-client.js';
import { isoSeconds, stripUndefined } from '../util.js';

/** A listed route as results show it: only the fields the API returns. */
export function listedView(r: PbrRoute): Record<string, unknown> {
  return stripUndefined({
    routeSource: r.routeSource,
    routeDest: r.routeDest,
    nextHop: r.nextHop,
    weight: r.weight,
    priority: r.priority,
    state: r.state,
    createTime: isoSeconds(r.createTime),
  });
}

/** One line: "192.168.1.0/24 -> 10.0.0.0/24 via vco-…, weight 100, priority 10, state published". */
export function describeListed(r: PbrRoute): string {
  const parts = [`${r.routeSource} -> ${r.routeDest} via ${r.nextHop}`, `weight ${r.weight}`];
  if (r.priority !== undefined) parts.push(`priority ${r.priority}`);
  if (r.state !== undefined) parts.push(`state ${r.state}`);
  return parts.join(', ');
}

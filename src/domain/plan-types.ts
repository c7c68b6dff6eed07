// The shapes of a change set (applyRouteChanges): the changes asked for, the gateway's table as rows, and the
// requests the planner orders them into. Pure types.
import type { ModifyTarget, RouteIdentity, RouteSpec } from './types.js';

type OnGateway<T> = Omit<T, 'regionId' | 'vpnGatewayId'>;

/** One change as asked for: on the set's gateway, so without regionId and vpnGatewayId. */
export type RequestedChange =
  | ({ op: 'create' } & OnGateway<RouteSpec>)
  | ({ op: 'delete' } & OnGateway<RouteIdentity>)
  | ({ op: 'modify' } & OnGateway<ModifyTarget>);

export type OnFailure = 'rollback' | 'stop';

export interface PlanTarget {
  regionId: string;
  vpnGatewayId: string;
  changes: RequestedChange[];
  onFailure: OnFailure;
}

/** A route of the table as the planner sees it: what the listing shows (no description). */
export interface TableRow {
  routeSource: string;
  routeDest: string;
  nextHop: string;
  weight: number;
  priority: number;
  /** `published` or `normal`. */
  state: string;
}

/** One request of the plan, with the change it comes from (its index) and, when the planner added it, why. */
export type PlannedOp = {
  change: number;
  inserted?: string;
} & (
  | { op: 'create'; route: OnGateway<RouteSpec> }
  | { op: 'delete'; row: TableRow; priority?: number }
  | { op: 'weightPriority'; row: TableRow; priority?: number; newWeight?: number; newPriority?: number }
  | { op: 'publish'; row: TableRow; priority?: number; publishVpc: boolean }
);

// What the approval card shows, sent in the dry-run result's `_meta` (MCP Apps hands `_meta` to the card; it is
// not meant for the model, so the route table costs the model no tokens).
import type { ExistingPbrRoute, Issue, RouteSpec } from '../domain/types.js';
import { buildRouteTable, type ChangeKind, type RouteTable } from './route-table.js';

import { APPROVE_TOOL } from './names.js';

export { APPROVE_TOOL, CARD_META_KEY } from './names.js';

/** The route a change names: a create's full arguments, or a delete's identity (no publishing flag). */
export type CardRoute = Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority'> &
  Partial<Pick<RouteSpec, 'publishVpc' | 'description' | 'overlayMode'>>;

export interface RouteChangeCard extends RouteTable {
  change: ChangeKind;
  regionId: string;
  vpnGatewayId: string;
  sandbox: boolean;
  route: CardRoute;
  warnings: Pick<Issue, 'code' | 'field' | 'message' | 'hint'>[];
  expiresAt: string;
  /** The app-only call the Approve button makes: the same arguments and token as a model-side confirmation. */
  approve: { name: typeof APPROVE_TOOL; arguments: Record<string, unknown> };
}

export interface RouteChangeCardInput {
  change: ChangeKind;
  route: CardRoute;
  /** The gateway's routes as the dry run's live checks listed them. */
  existing: readonly ExistingPbrRoute[];
  priorities: boolean;
  warnings: readonly Issue[];
  expiresAt: string;
  confirmationToken: string;
  clientToken?: string;
  sandbox: boolean;
}

export function routeChangeCard(input: RouteChangeCardInput): RouteChangeCard {
  const { route } = input;
  const table = buildRouteTable({ change: input.change, route, existing: input.existing, priorities: input.priorities });
  const args: Record<string, unknown> = { change: input.change, ...route, confirmationToken: input.confirmationToken };
  if (input.clientToken !== undefined) args.clientToken = input.clientToken;
  return {
    change: input.change,
    regionId: route.regionId,
    vpnGatewayId: route.vpnGatewayId,
    sandbox: input.sandbox,
    route,
    ...table,
    warnings: input.warnings.map(({ code, field, message, hint }) => ({ code, field, message, hint })),
    expiresAt: input.expiresAt,
    approve: { name: APPROVE_TOOL, arguments: args },
  };
}

// What the approval card shows, sent in the dry-run result's `_meta` (MCP Apps hands `_meta` to the card; it is
// not meant for the model, so the route table costs the model no tokens).
import { CHANGE_KINDS } from '../domain/change-kinds.js';
import type { ExistingPbrRoute, Issue, RouteSpec } from '../domain/types.js';
import type { TableRow } from '../domain/plan-types.js';
import { buildRouteTable, type ChangeKind, planTables, type RouteTable, type RouteTableRow } from './route-table.js';

import { APPROVE_TOOL } from './names.js';

export { APPROVE_TOOL, CARD_META_KEY } from './names.js';

/** The route a change names: a create's full arguments, or a delete's identity (no publishing flag). */
export type CardRoute = Pick<RouteSpec, 'regionId' | 'vpnGatewayId' | 'routeSource' | 'routeDest' | 'nextHop' | 'weight' | 'priority'> &
  Partial<Pick<RouteSpec, 'publishVpc' | 'description' | 'overlayMode'>>;

/** A change made in several requests (a modify, a change set): its requests and the table before and after. */
export interface CardPlan {
  steps: { step: number; describe: string; inserted?: string }[];
  before: RouteTableRow[];
  after: RouteTableRow[];
  /** "between steps 1 and 3 … has no standby route". */
  windows: string[];
}

export interface RouteChangeCard extends RouteTable {
  change: ChangeKind;
  /** The card's heading (domain/change-kinds.ts). */
  title: string;
  regionId: string;
  vpnGatewayId: string;
  sandbox: boolean;
  /** The route a single change names (a change set has none: its plan says what changes). */
  route?: CardRoute;
  plan?: CardPlan;
  warnings: Pick<Issue, 'code' | 'field' | 'message' | 'hint'>[];
  expiresAt: string;
  /** The app-only call the Approve button makes: the same arguments and token as a model-side confirmation. */
  approve: { name: typeof APPROVE_TOOL; arguments: Record<string, unknown> };
}

export interface RouteChangeCardInput {
  change: ChangeKind;
  route?: CardRoute;
  /** A stepped change's requests and tables (the card shows them instead of the route among the gateway's routes). */
  plan?: { steps: CardPlan['steps']; before: readonly TableRow[]; after: readonly TableRow[]; windows: readonly string[] };
  /** The change tool's arguments besides the token, when they are not the route (a modify's, a change set's). */
  arguments?: Record<string, unknown> & { regionId: string; vpnGatewayId: string };
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
  const { route, plan } = input;
  const table =
    plan || !route ? { rows: [], priorities: input.priorities, notes: [] } : buildRouteTable({ change: input.change, route, existing: input.existing, priorities: input.priorities });
  const where = route ?? input.arguments ?? { regionId: '', vpnGatewayId: '' };
  const args: Record<string, unknown> = { change: input.change, ...(input.arguments ?? route), confirmationToken: input.confirmationToken };
  if (input.clientToken !== undefined) args.clientToken = input.clientToken;
  return {
    change: input.change,
    title: CHANGE_KINDS[input.change].title,
    regionId: where.regionId,
    vpnGatewayId: where.vpnGatewayId,
    sandbox: input.sandbox,
    ...(route ? { route } : {}),
    ...table,
    ...(plan ? { plan: { steps: plan.steps, ...planTables(plan.before, plan.after), windows: [...plan.windows] } } : {}),
    warnings: input.warnings.map(({ code, field, message, hint }) => ({ code, field, message, hint })),
    expiresAt: input.expiresAt,
    approve: { name: APPROVE_TOOL, arguments: args },
  };
}

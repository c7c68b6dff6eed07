// The operations the emulator implements, by Action name.
import { describeVpnConnection, describeVpnConnections } from './connections.js';
import type { ActionHandler } from './context.js';
import { createVpnPbrRouteEntry } from './create-route.js';
import { deleteVpnPbrRouteEntry } from './delete-route.js';
import { describeVpnGateway, describeVpnGateways } from './gateways.js';
import { describeVpnPbrRouteEntries } from './describe-routes.js';
import { modifyVpnPbrRouteEntryAttribute, modifyVpnPbrRouteEntryPriority, modifyVpnPbrRouteEntryWeight } from './modify-route.js';
import { publishVpnRouteEntry } from './publish-route.js';

export type { ActionContext, ActionHandler } from './context.js';

export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['CreateVpnPbrRouteEntry', createVpnPbrRouteEntry],
  ['DeleteVpnPbrRouteEntry', deleteVpnPbrRouteEntry],
  ['ModifyVpnPbrRouteEntryWeight', modifyVpnPbrRouteEntryWeight],
  ['ModifyVpnPbrRouteEntryPriority', modifyVpnPbrRouteEntryPriority],
  ['ModifyVpnPbrRouteEntryAttribute', modifyVpnPbrRouteEntryAttribute],
  ['PublishVpnRouteEntry', publishVpnRouteEntry],
  ['DescribeVpnPbrRouteEntries', describeVpnPbrRouteEntries],
  ['DescribeVpnGateway', describeVpnGateway],
  ['DescribeVpnGateways', describeVpnGateways],
  ['DescribeVpnConnection', describeVpnConnection],
  ['DescribeVpnConnections', describeVpnConnections],
]);

import { applyRouteChangesTool } from './apply-route-changes.js';
import { approveRouteChangeTool } from './approve-route-change.js';
import { createVpnPbrRouteTool } from './create-vpn-pbr-route.js';
import { annotationsFor, type ToolDefinition } from './define.js';
import { deleteVpnPbrRouteTool } from './delete-vpn-pbr-route.js';
import { describeVpnGatewayTool } from './describe-vpn-gateway.js';
import { listVpnGatewaysTool } from './list-vpn-gateways.js';
import { listVpnPbrRoutesTool } from './list-vpn-pbr-routes.js';
import { modifyVpnPbrRouteTool } from './modify-vpn-pbr-route.js';
import { validateRouteTool } from './validate-route.js';

export const ALL_TOOLS: readonly ToolDefinition[] = [
  validateRouteTool,
  createVpnPbrRouteTool,
  listVpnPbrRoutesTool,
  listVpnGatewaysTool,
  describeVpnGatewayTool,
  deleteVpnPbrRouteTool,
  modifyVpnPbrRouteTool,
  applyRouteChangesTool,
  approveRouteChangeTool,
];

/** Read-only mode lists only the tools whose readOnlyHint says they change nothing. */
export function toolsFor(options: { readOnly: boolean }): ToolDefinition[] {
  return ALL_TOOLS.filter((tool) => !options.readOnly || annotationsFor(tool.kind, tool.title).readOnlyHint === true);
}

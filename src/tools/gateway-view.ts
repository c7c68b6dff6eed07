// How every tool shows a VPN gateway: one schema, one mapping.
import { z } from 'zod';
import type { VpnGatewayInfo } from '../cloud/vpc-client.js';

export const gatewayViewSchema = z.object({
  vpnGatewayId: z.string(),
  name: z.string().optional(),
  regionId: z.string(),
  vpcId: z.string().optional(),
  status: z.string().describe('init, provisioning, active, updating or deleting; only an active gateway takes a route change.'),
  businessStatus: z.string().describe('Normal, or FinancialLocked (overdue payment: no route can be added).'),
  pbrPriority: z.boolean().describe('Whether the gateway accepts a route priority (its Tag says PbrPriority).'),
  dualTunnel: z.boolean().describe('true: dual-tunnel gateway; false: single tunnel.'),
});

export type GatewayView = z.infer<typeof gatewayViewSchema>;

export function toGatewayView(g: VpnGatewayInfo): GatewayView {
  return {
    vpnGatewayId: g.vpnGatewayId,
    ...(g.name === undefined ? {} : { name: g.name }),
    regionId: g.regionId,
    ...(g.vpcId === undefined ? {} : { vpcId: g.vpcId }),
    status: g.status,
    businessStatus: g.businessStatus,
    pbrPriority: g.pbrPriority,
    dualTunnel: g.dualTunnel,
  };
}

/** "vpn-… (name): active, Normal, priorities supported, single tunnel" for summaries. */
export function describeGatewayBriefly(g: GatewayView): string {
  const name = g.name ? ` (${g.name})` : '';
  const priorities = g.pbrPriority ? 'priorities supported' : 'no route priorities';
  return `${g.vpnGatewayId}${name}: ${g.status}, ${g.businessStatus}, ${priorities}, ${g.dualTunnel ? 'dual' : 'single'} tunnel`;
}

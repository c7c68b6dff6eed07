// The one home of the shapes of IDs and regions and of the API's default route priority.

/** A VPN gateway ID: `vpn-` and lowercase letters and digits. */
export const GATEWAY_ID = /^vpn-[a-z0-9]+$/;
/** An IPsec-VPN connection ID (a policy route's next hop): `vco-` and lowercase letters and digits. */
export const CONNECTION_ID = /^vco-[a-z0-9]+$/;
/** A region ID, lowercase words joined by `-` (cn-hangzhou, ap-southeast-1); it becomes part of a host name. */
export const REGION_ID = /^[a-z]+(-[a-z0-9]+)+$/;
/** Gateway and region IDs inside a text (an API message); regions by the prefixes Alibaba Cloud's region IDs use. */
export const GATEWAY_ID_IN_TEXT = /\bvpn-[a-z0-9]+\b/g;
export const REGION_ID_IN_TEXT = /\b(?:cn|ap|us|eu|me|na|sa|af|rus)-[a-z]+(?:-[a-z0-9]+)*\b/g;
/** Longest region ID accepted: one DNS label. */
export const MAX_REGION_ID_LENGTH = 63;

export function isRegionId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REGION_ID_LENGTH && REGION_ID.test(value);
}

/** The priority the API gives a policy route created without one. */
export const DEFAULT_PBR_PRIORITY = 10;

/** The hint for a call that names no region on a server without a default one. */
export const REGION_REQUIRED_HINT = 'pass regionId (e.g. cn-hangzhou), or set a default region for the server (ALIBABA_CLOUD_REGION_ID or --region)';

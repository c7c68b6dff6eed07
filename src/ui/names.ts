// Names shared by the server and the card's script (which must not pull in server code).
export const CARD_META_KEY = 'alicloud-vpn-pbr-mcp/route-change';
export const APPROVE_TOOL = 'approveRouteChange';

// Kept equal to package.json's version by test/version.test.ts (the bundle cannot read package.json).
export const VERSION = '0.1.0';
export const PACKAGE_NAME = 'alicloud-vpn-pbr-mcp';
export const USER_AGENT_PRODUCT = `${PACKAGE_NAME}/${VERSION}`;

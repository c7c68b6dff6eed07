// Kept equal to package.json's version by test/ship/manifest.test.ts (the bundle does not read package.json).
export const VERSION = '0.1.0';
export const PACKAGE_NAME = 'alicloud-vpn-pbr-mcp';
export const USER_AGENT_PRODUCT = `${PACKAGE_NAME}/${VERSION}`;

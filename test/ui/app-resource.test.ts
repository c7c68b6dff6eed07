// The MCP Apps names the server writes out itself (src/ui/app-resource.ts) must stay those of the ext-apps package.
import { EXTENSION_ID, getUiCapability, RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import { describe, expect, it } from 'vitest';
import { APP_RESOURCE_MIME_TYPE, APPS_EXTENSION_ID, clientRendersApps, LEGACY_RESOURCE_URI_KEY } from '../../src/ui/app-resource.js';

describe('MCP Apps names', () => {
  it('match @modelcontextprotocol/ext-apps', () => {
    expect(APPS_EXTENSION_ID).toBe(EXTENSION_ID);
    expect(APP_RESOURCE_MIME_TYPE).toBe(RESOURCE_MIME_TYPE);
    expect(LEGACY_RESOURCE_URI_KEY).toBe(RESOURCE_URI_META_KEY);
  });

  it.each([
    ['an MCP Apps host', { extensions: { [EXTENSION_ID]: { mimeTypes: [RESOURCE_MIME_TYPE] } } }, true],
    ['a host with the extension but not this mime type', { extensions: { [EXTENSION_ID]: { mimeTypes: ['text/x-other'] } } }, false],
    ['a host without extensions', {}, false],
    ['no handshake on this connection', undefined, undefined],
  ])('reads the client capabilities of %s as ext-apps does', (_, capabilities, expected) => {
    expect(clientRendersApps(capabilities)).toBe(expected);
    if (capabilities) expect(getUiCapability(capabilities)?.mimeTypes?.includes(RESOURCE_MIME_TYPE) ?? false).toBe(expected);
  });
});

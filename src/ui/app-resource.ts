// The MCP Apps side of the server (extension io.modelcontextprotocol/ui): the approval card as a ui:// resource,
// the tool `_meta` that links a tool to it, and whether the connected client renders MCP Apps.
// The spec's names are copied here rather than imported: @modelcontextprotocol/ext-apps/server evaluates its
// zod schemas on import (~30 kB at every start). test/unit/app-resource.test.ts checks they still match.
import type { ClientCapabilities, ReadResourceResult, Resource } from '@modelcontextprotocol/server';

export const APPS_EXTENSION_ID = 'io.modelcontextprotocol/ui';
export const APP_RESOURCE_MIME_TYPE = 'text/html;profile=mcp-app';
/** The deprecated flat key, still read by older hosts (ext-apps' registerAppTool sets both). */
export const LEGACY_RESOURCE_URI_KEY = 'ui/resourceUri';

export const ROUTE_CHANGE_CARD_URI = 'ui://alicloud-vpn-pbr-mcp/route-change';

// scripts/build.mjs defines this as the built card (src/ui/view/*, one self-contained HTML file).
declare const __APPROVAL_CARD_HTML__: string | undefined;
const CARD_HTML =
  typeof __APPROVAL_CARD_HTML__ === 'undefined'
    ? '<!doctype html><html><body><p>The approval card is part of the built server (npm run build).</p></body></html>'
    : __APPROVAL_CARD_HTML__;

export const ROUTE_CHANGE_CARD: Resource = {
  uri: ROUTE_CHANGE_CARD_URI,
  name: 'route-change',
  title: 'VPN route change approval card',
  description: 'Shows a dry-run route change (the gateway\'s policy route table with the change placed in it) with Approve and Cancel.',
  mimeType: APP_RESOURCE_MIME_TYPE,
};

// No `csp` domains: the host applies the spec's block-all default (the card needs no network).
const CARD_UI_META = { prefersBorder: true };

export function readRouteChangeCard(): ReadResourceResult {
  return {
    contents: [{ uri: ROUTE_CHANGE_CARD_URI, mimeType: APP_RESOURCE_MIME_TYPE, text: CARD_HTML, _meta: { ui: CARD_UI_META } }],
  };
}

export type Visibility = 'model' | 'app';

/** A tool's `_meta` linking it to the card; `['app']` hides the tool from the model in hosts that honour it. */
export function cardToolMeta(visibility?: Visibility[]): Record<string, unknown> {
  return {
    ui: visibility ? { resourceUri: ROUTE_CHANGE_CARD_URI, visibility } : { resourceUri: ROUTE_CHANGE_CARD_URI },
    [LEGACY_RESOURCE_URI_KEY]: ROUTE_CHANGE_CARD_URI,
  };
}

/**
 * Whether the client declares that it renders MCP Apps HTML (MCP 2026: in each request's capabilities; 2025: in initialize).
 * Undefined when its capabilities are unknown (2025 stateless HTTP): unknown, not "no".
 */
export function clientRendersApps(capabilities: ClientCapabilities | undefined): boolean | undefined {
  if (capabilities === undefined) return undefined;
  const extensions = (capabilities as { extensions?: Record<string, unknown> }).extensions;
  const ui = extensions?.[APPS_EXTENSION_ID] as { mimeTypes?: unknown } | undefined;
  return Array.isArray(ui?.mimeTypes) && ui.mimeTypes.includes(APP_RESOURCE_MIME_TYPE);
}

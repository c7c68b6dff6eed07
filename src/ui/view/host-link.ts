// The card's side of MCP Apps: JSON-RPC 2.0 over postMessage with the host (the spec notes a View needs no SDK
// for this; ext-apps' App class would add ~500 kB to a card that must stay small). Only what the card uses.
import type { CallToolResult } from '@modelcontextprotocol/client';

// The subset of the MCP Apps spec (ext-apps spec.types.ts, 2026-01-26) the card reads. Written out because the
// package's type re-exports do not resolve under NodeNext; the browser test runs the card against the real AppBridge.
export interface HostContext {
  theme?: 'light' | 'dark';
  styles?: { variables?: Record<string, string | undefined> };
}
interface InitializeResult {
  protocolVersion: string;
  hostCapabilities?: { updateModelContext?: object; serverTools?: object };
  hostContext?: HostContext;
}

type Params = Record<string, unknown>;
interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Params;
  result?: Params;
  error?: { code: number; message: string };
}

export interface HostLinkHandlers {
  onToolResult: (result: CallToolResult) => void;
  onHostContext: (context: HostContext) => void;
  onToolCancelled: () => void;
}

const PROTOCOL_VERSION = '2026-01-26';

export class HostLink {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: Params) => void; reject: (error: Error) => void }>();
  hostCapabilities: NonNullable<InitializeResult['hostCapabilities']> = {};

  constructor(private readonly handlers: HostLinkHandlers) {
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent) return;
      this.receive(event.data as Message);
    });
  }

  private post(message: Message): void {
    window.parent.postMessage(message, '*');
  }

  request(method: string, params: Params): Promise<Params> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: Params = {}): void {
    this.post({ jsonrpc: '2.0', method, params });
  }

  private receive(message: Message): void {
    if (message?.jsonrpc !== '2.0') return;
    if (message.method === undefined && typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result ?? {});
      return;
    }
    if (message.id !== undefined) {
      // Requests from the host (ping, ui/resource-teardown): nothing to keep or save, so answer at once.
      this.post({ jsonrpc: '2.0', id: message.id, result: {} });
      return;
    }
    const params = message.params ?? {};
    if (message.method === 'ui/notifications/tool-result') this.handlers.onToolResult(params as CallToolResult);
    else if (message.method === 'ui/notifications/host-context-changed') this.handlers.onHostContext(params as HostContext);
    else if (message.method === 'ui/notifications/tool-cancelled') this.handlers.onToolCancelled();
  }

  async connect(): Promise<HostContext> {
    const result = (await this.request('ui/initialize', {
      appInfo: { name: 'alicloud-vpn-pbr-mcp route-change card', version: '1' },
      appCapabilities: {},
      protocolVersion: PROTOCOL_VERSION,
    })) as unknown as InitializeResult;
    this.hostCapabilities = result.hostCapabilities ?? {};
    this.notify('ui/notifications/initialized');
    // Hosts size an inline card from these; height only, so the card keeps following the host's width.
    const observer = new ResizeObserver(() => {
      this.notify('ui/notifications/size-changed', { height: document.documentElement.scrollHeight });
    });
    observer.observe(document.documentElement);
    return result.hostContext ?? {};
  }

  async callTool(name: string, args: Params): Promise<CallToolResult> {
    return (await this.request('tools/call', { name, arguments: args })) as CallToolResult;
  }

  /** Tells the model what happened on the card, where the host accepts it. */
  async updateModelContext(text: string): Promise<void> {
    if (!this.hostCapabilities.updateModelContext) return;
    await this.request('ui/update-model-context', { content: [{ type: 'text', text }] }).catch(() => {});
  }
}

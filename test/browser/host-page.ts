// A minimal MCP Apps host for the browser test: ext-apps' own AppBridge renders the card in a sandboxed iframe,
// forwards the card's tools/call to the real server (through the test, over stdio) only for tools whose
// visibility includes "app", and records what the card tells the model.
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';

interface CardLoad {
  html: string;
  input: Record<string, unknown>;
  result: CallToolResult;
  tools: Tool[];
  theme: 'light' | 'dark';
}

interface HostWindow {
  callServerTool(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  loadCard(load: CardLoad): Promise<void>;
  hostLog: string[];
}
const host = window as unknown as HostWindow;
host.hostLog = [];

function visibleToApp(tools: Tool[], name: string): boolean {
  const visibility = (tools.find((t) => t.name === name)?._meta?.ui as { visibility?: string[] } | undefined)?.visibility;
  return visibility === undefined || visibility.includes('app');
}

host.loadCard = async ({ html, input, result, tools, theme }) => {
  document.documentElement.style.colorScheme = theme;
  document.body.style.background = theme === 'dark' ? '#111' : '#fafafa';
  const iframe = document.createElement('iframe');
  // An opaque origin: the card cannot reach the host page or the network.
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.title = 'route change approval card';
  iframe.style.cssText = 'width:100%;border:1px solid #8884;border-radius:10px;height:200px;display:block';
  document.getElementById('slot')?.replaceChildren(iframe);

  const bridge = new AppBridge(
    null,
    { name: 'browser-test-host', version: '1' },
    { serverTools: {}, updateModelContext: { text: {} } },
    { hostContext: { theme, displayMode: 'inline', platform: 'web' } },
  );
  bridge.oncalltool = async (params) => {
    host.hostLog.push(`tools/call ${params.name}`);
    if (!visibleToApp(tools, params.name)) throw new Error(`${params.name} is not callable by apps`);
    return host.callServerTool(params.name, params.arguments ?? {});
  };
  bridge.onupdatemodelcontext = async (params) => {
    host.hostLog.push(`model context: ${JSON.stringify(params.content)}`);
    return {};
  };
  bridge.onsizechange = ({ height }) => {
    if (height !== undefined) iframe.style.height = `${height + 2}px`;
  };
  const initialized = new Promise<void>((resolve) => {
    bridge.oninitialized = () => resolve();
  });
  iframe.srcdoc = html;
  await bridge.connect(new PostMessageTransport(iframe.contentWindow as Window, iframe.contentWindow as Window));
  await initialized;
  await bridge.sendToolInput({ arguments: input });
  await bridge.sendToolResult(result);
};

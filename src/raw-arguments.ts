// Argument names the SDK's request parsing drops without a word: zod skips an own `__proto__` key (which
// JSON.parse makes), so a tool would never see it to refuse it. Each transport's raw tools/call messages are
// looked at first; the tool gets its arguments with those keys put back, and refuses them like any unknown name.
import type { JSONRPCMessage, RequestId, Server } from '@modelcontextprotocol/server';

const DROPPED_BY_PARSING = ['__proto__'];
/** Calls refused before their handler ran (an unknown tool) never collect theirs: the oldest are let go. */
const MAX_NOTED = 256;

type Arguments = Record<string, unknown> | undefined;

function droppedOf(message: JSONRPCMessage): [RequestId, Record<string, unknown>] | undefined {
  if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) return undefined;
  const args = (message.params as { arguments?: unknown } | undefined)?.arguments;
  if (typeof args !== 'object' || args === null) return undefined;
  const dropped = DROPPED_BY_PARSING.filter((key) => Object.hasOwn(args, key));
  if (dropped.length === 0) return undefined;
  return [message.id, Object.fromEntries(dropped.map((key) => [key, (args as Record<string, unknown>)[key]]))];
}

/**
 * Watches every transport the server connects to; returns the function that gives a tools/call its arguments
 * with the dropped keys back as own properties (by JSON-RPC id: one server per connection or HTTP request).
 */
export function keepDroppedArgumentKeys(server: Server): (id: RequestId, args: Arguments) => Arguments {
  const byRequest = new Map<RequestId, Record<string, unknown>>();
  const connect = server.connect.bind(server);
  server.connect = async (transport) => {
    await connect(transport);
    // Set by connect: wrapped before the first message can arrive (transports deliver them on later ticks).
    const onmessage = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const dropped = droppedOf(message);
      if (dropped) {
        byRequest.set(...dropped);
        if (byRequest.size > MAX_NOTED) byRequest.delete(byRequest.keys().next().value as RequestId);
      }
      onmessage?.(message, extra);
    };
  };
  return (id, args) => {
    const dropped = byRequest.get(id);
    if (dropped === undefined) return args;
    byRequest.delete(id);
    const restored: Record<string, unknown> = { ...args };
    for (const [key, value] of Object.entries(dropped)) {
      Object.defineProperty(restored, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return restored;
  };
}

// An argument named __proto__ reaches the tools (the SDK's parsing drops it) and is refused like any unknown name.
import { InMemoryTransport } from '@modelcontextprotocol/client';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createServer } from '../../src/server.js';

async function connected() {
  const server = createServer({ config: resolveConfig([], { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' }) });
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const answers = new Map<unknown, Record<string, any>>();
  client.onmessage = (message) => {
    if ('id' in message) answers.set(message.id, message as Record<string, any>);
  };
  await server.connect(serverSide);
  await client.start();
  await client.send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
  await client.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const call = async (id: number, json: string) => {
    answers.delete(id);
    await client.send(JSON.parse(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"listVpnGateways","arguments":${json}}}`) as JSONRPCMessage);
    for (let i = 0; i < 100 && !answers.has(id); i++) await new Promise((done) => setTimeout(done, 5));
    return answers.get(id)?.result as Record<string, any>;
  };
  return { call, close: () => server.close() };
}

describe('argument names the SDK drops', () => {
  it('refuses __proto__ with InvalidParameter.Unknown, and only on the call that sent it', async () => {
    const { call, close } = await connected();
    const refused = await call(1, '{"__proto__":{"polluted":true}}');
    expect(refused.structuredContent.error.issues).toEqual([expect.objectContaining({ code: 'InvalidParameter.Unknown', field: '__proto__' })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The next call with the same id and clean arguments is not refused for it.
    const clean = await call(1, '{}');
    expect(clean.structuredContent.error.code).toBe('CredentialsMissing');
    await close();
  });
});

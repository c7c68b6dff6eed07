// Human confirmation through the client, when it can ask (MCP elicitation). Kept behind this one
// function because a later protocol revision replaces server-sent elicitation.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';

export type HumanAnswer = 'accept' | 'decline' | 'cancel' | 'unsupported';

export async function askHuman(server: Server, message: string, signal?: AbortSignal): Promise<HumanAnswer> {
  // Clients without the capability (Claude Desktop today) keep working with the token alone: never fail closed there.
  if (!server.getClientCapabilities()?.elicitation) return 'unsupported';
  const result = await server.elicitInput(
    {
      mode: 'form',
      message,
      requestedSchema: {
        type: 'object',
        properties: {
          confirm: { type: 'boolean', title: 'Create this route', description: 'Yes creates the route now.' },
        },
        required: ['confirm'],
      },
    },
    { signal, timeout: 10 * 60 * 1000 },
  );
  if (result.action === 'accept') return result.content?.confirm === true ? 'accept' : 'decline';
  return result.action;
}

// Human confirmation through the client, when it can ask (MCP form elicitation). Kept behind this one
// function because a later protocol revision replaces server-sent elicitation.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { confirmationNotObtained } from '../errors/factories.js';

export type HumanAnswer = 'accept' | 'decline' | 'cancel' | 'unsupported';

const CONFIRM_FORM = {
  type: 'object' as const,
  properties: {
    confirm: { type: 'boolean' as const, title: 'Approve this change', description: 'Yes makes the change described above now.' },
  },
  required: ['confirm'],
};

export async function askHuman(server: Server, message: string, signal?: AbortSignal, tool = 'the tool'): Promise<HumanAnswer> {
  // Clients without the capability (Claude Desktop today) keep working with the token alone: never fail closed there.
  if (!server.getClientCapabilities()?.elicitation?.form) return 'unsupported';
  let result: Awaited<ReturnType<Server['elicitInput']>>;
  try {
    result = await server.elicitInput({ mode: 'form', message, requestedSchema: CONFIRM_FORM }, { signal, timeout: 10 * 60 * 1000 });
  } catch {
    // The client said it can ask but did not answer: nothing is sent without the answer it promised.
    throw confirmationNotObtained(tool);
  }
  if (result.action === 'accept') return result.content?.confirm === true ? 'accept' : 'decline';
  return result.action;
}

type FlatSchema = { properties?: Record<string, { type?: string }>; required?: readonly string[] };

/**
 * Validates the answers to our flat elicitation forms (the SDK checks every accepted answer against the
 * form's schema). Replaces the SDK's default Ajv validator, which would cost start-up time and 130 kB.
 */
export const flatFormValidator: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const { properties = {}, required = [] } = schema as FlatSchema;
    return (input: unknown) => {
      const fail = (errorMessage: string) => ({ valid: false as const, data: undefined, errorMessage });
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('the answer is not an object');
      const answer = input as Record<string, unknown>;
      for (const name of required) if (!(name in answer)) return fail(`${name} is missing`);
      for (const [name, value] of Object.entries(answer)) {
        const type = properties[name]?.type;
        if (type === undefined) return fail(`${name} was not asked for`);
        const actual = typeof value === 'number' && type === 'integer' && Number.isInteger(value) ? 'integer' : typeof value;
        if (actual !== type) return fail(`${name} must be of type ${type}`);
      }
      return { valid: true as const, data: input as T, errorMessage: undefined };
    };
  },
};

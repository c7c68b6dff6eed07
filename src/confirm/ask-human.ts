// The form the human answers to confirm a change (an MCP form elicitation: one boolean), and the validator of
// its answers. The asking itself is src/confirm/human-gate.ts.
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/server';

export const CONFIRM_FORM = {
  type: 'object' as const,
  properties: {
    confirm: { type: 'boolean' as const, title: 'Approve this change', description: 'Yes makes the change described above now.' },
  },
  required: ['confirm'],
};

type FlatSchema = { properties?: Record<string, { type?: string }>; required?: readonly string[] };

/**
 * Validates the answers to our flat form (the SDK passes them through unchecked). Also given to the SDK's Server
 * in place of its default Ajv validator, which it would otherwise build at construction (start-up time, 150 kB).
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

import { describe, expect, it } from 'vitest';
import { flatFormValidator } from '../../src/confirm/ask-human.js';

const validate = flatFormValidator.getValidator({
  type: 'object',
  properties: { confirm: { type: 'boolean' }, count: { type: 'integer' }, note: { type: 'string' } },
  required: ['confirm'],
});

describe('flatFormValidator (answers to elicitation forms)', () => {
  it('accepts answers of the asked types', () => {
    expect(validate({ confirm: true }).valid).toBe(true);
    expect(validate({ confirm: false, count: 3, note: 'ok' })).toEqual({ valid: true, data: { confirm: false, count: 3, note: 'ok' }, errorMessage: undefined });
  });

  it.each([
    [{}, 'confirm is missing'],
    [{ confirm: 'yes' }, 'confirm must be of type boolean'],
    [{ confirm: true, count: 1.5 }, 'count must be of type integer'],
    [{ confirm: true, extra: 1 }, 'extra was not asked for'],
    [null, 'the answer is not an object'],
    [[true], 'the answer is not an object'],
  ])('refuses %j', (answer, message) => {
    expect(validate(answer)).toEqual({ valid: false, data: undefined, errorMessage: message });
  });
});

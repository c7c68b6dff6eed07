// pop-core parses every answer with json-bigint, a parser written in JavaScript that costs ~10× JSON.parse
// (about 5 ms of CPU per validateRoute on 1000 routes). Its only gain is keeping numbers longer than 15
// characters exact; the VPC answers we read have none (CreateTime has 13 digits). So answers go to JSON.parse,
// and any text that json-bigint could read differently still goes to json-bigint.
import { asRecord } from '../util.js';

type Parse = (text: string, reviver?: (key: string, value: unknown) => unknown) => unknown;

// A number token json-bigint would keep as a BigNumber (> 15 characters; 15 here, to be safe), and the
// keys it refuses (__proto__, constructor, in any \u spelling). A match inside a string only costs speed.
const NEEDS_JSON_BIGINT = /(?:^|[:[,])\s*-?\d[\d.eE+-]{14}|__proto__|constructor|\\u/;

/** JSON.parse when it gives what `slow` (json-bigint's parse) would, `slow` otherwise. */
export function answerParser(slow: Parse): Parse {
  const fast: Parse = (source, reviver) => {
    // pop-core passes the body as a Buffer; both parsers read it as its UTF-8 text.
    const text = typeof source === 'string' ? source : String(source);
    if (reviver !== undefined || NEEDS_JSON_BIGINT.test(text)) return slow(text, reviver);
    return JSON.parse(text);
  };
  return fast;
}

let installed: Parse | undefined;

/**
 * Points json-bigint's default `parse`, which pop-core's RPC client calls (as `JSON.parse`) on every answer,
 * at answerParser. Idempotent; `jsonBigint` is the module object pop-core requires.
 */
export function installAnswerParser(jsonBigint: unknown): void {
  // Its module.exports is a function with parse as a property; an ES import wraps it as `default`.
  const namespace = asRecord(jsonBigint);
  const module = (typeof namespace?.default === 'function' ? namespace.default : jsonBigint) as { parse?: unknown } | undefined;
  if (module === undefined || module === null || typeof module.parse !== 'function' || module.parse === installed) return;
  installed = answerParser(module.parse as Parse);
  module.parse = installed;
}

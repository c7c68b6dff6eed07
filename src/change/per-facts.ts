// A confirm asks for the same plan several times (witness, question, steps, rollback, report), always with the
// token's facts object: `perFacts` computes once per facts and target. Only a finished computation is kept.
import type { TokenFacts } from '../confirm/token.js';

export function perFacts<Target extends object, Result>(
  compute: (target: Target, facts: TokenFacts) => Result,
): (target: Target, facts: TokenFacts | undefined) => Result | undefined {
  const kept = new WeakMap<TokenFacts, { target: Target; result: Result }>();
  return (target, facts) => {
    if (facts === undefined) return undefined;
    const hit = kept.get(facts);
    if (hit !== undefined && hit.target === target) return hit.result;
    const result = compute(target, facts);
    kept.set(facts, { target, result });
    return result;
  };
}

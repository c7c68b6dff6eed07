// The offline rules of a modify's new values (the identity's are route-rules.ts'): at least one, each in range.
import { showValue } from './issues.js';
import { PRIORITY_MAX, PRIORITY_MIN, WEIGHTS } from './limits.js';
import type { Issue, ModifyTarget } from './types.js';

export function checkModifyValues(target: Pick<ModifyTarget, 'newWeight' | 'newPriority' | 'publishVpc'>): Issue[] {
  const issues: Issue[] = [];
  if (target.newWeight === undefined && target.newPriority === undefined && target.publishVpc === undefined) {
    issues.push({
      code: 'MissingParameter',
      severity: 'error',
      field: 'newWeight',
      message: 'nothing to change: give at least one of newWeight, newPriority and publishVpc',
      hint: 'add newWeight (0 or 100), newPriority (1 to 100) or publishVpc (the new published state)',
    });
  }
  if (target.newWeight !== undefined && !(WEIGHTS as readonly unknown[]).includes(target.newWeight)) {
    issues.push({ code: 'VpnRouteEntry.InvalidWeight', severity: 'error', field: 'newWeight', message: `${showValue(target.newWeight)} is not allowed; only 0 and 100 are`, hint: 'use 100 for the active route or 0 for the standby route' });
  }
  const p = target.newPriority;
  if (p !== undefined && !(Number.isInteger(p) && p >= PRIORITY_MIN && p <= PRIORITY_MAX)) {
    issues.push({ code: 'InvalidParameter.NewPriority', severity: 'error', field: 'newPriority', message: `${showValue(p)} is not a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`, hint: `use ${PRIORITY_MIN} to ${PRIORITY_MAX} (smaller is preferred)` });
  }
  return issues;
}

// A modify as requests: weight and/or priority in one (Attribute, Weight or Priority), then publishing in another,
// each only when it changes something; and what the listed route's facts are after each (a resume reads them).
import type { TokenFacts } from '../../confirm/token.js';
import type { ModifyTarget, RouteIdentity } from '../../domain/types.js';
import type { Step } from '../change-kind.js';
import type { RouteFacts } from '../route-facts.js';
import { publishStep, weightPriorityStep } from '../route-steps.js';

export interface ModifyPlan {
  steps: Step[];
  /** The route's facts after each step. */
  after: RouteFacts[];
  /** What changes, field by field. */
  changes: { field: 'weight' | 'priority' | 'publishVpc'; from: number | boolean; to: number | boolean }[];
}

export const stateOf = (publishVpc: boolean) => (publishVpc ? 'published' : 'normal');

export function identityOf(target: ModifyTarget): RouteIdentity {
  const { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority } = target;
  return priority === undefined ? { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight } : { regionId, vpnGatewayId, routeSource, routeDest, nextHop, weight, priority };
}

/** The previewed facts as route facts (a token carries them as plain values). */
export function asRouteFacts(facts: TokenFacts | undefined): RouteFacts | undefined {
  if (facts === undefined || typeof facts.weight !== 'number' || typeof facts.priority !== 'number') return undefined;
  return { weight: facts.weight, priority: facts.priority, state: typeof facts.state === 'string' ? facts.state : null, createTime: typeof facts.createTime === 'number' ? facts.createTime : null };
}

export function planModify(target: ModifyTarget, current: RouteFacts): ModifyPlan {
  const identity = identityOf(target);
  const newWeight = target.newWeight !== undefined && target.newWeight !== current.weight ? target.newWeight : undefined;
  const newPriority = target.newPriority !== undefined && target.newPriority !== current.priority ? target.newPriority : undefined;
  const publish = target.publishVpc !== undefined && stateOf(target.publishVpc) !== current.state ? target.publishVpc : undefined;
  const plan: ModifyPlan = { steps: [], after: [], changes: [] };
  let now = { ...current };
  if (newWeight !== undefined || newPriority !== undefined) {
    plan.steps.push(weightPriorityStep(identity, current.priority, { newWeight, newPriority }));
    now = { ...now, weight: newWeight ?? now.weight, priority: newPriority ?? now.priority };
    plan.after.push(now);
    if (newWeight !== undefined) plan.changes.push({ field: 'weight', from: current.weight, to: newWeight });
    if (newPriority !== undefined) plan.changes.push({ field: 'priority', from: current.priority, to: newPriority });
  }
  if (publish !== undefined) {
    // Named as it is by then: its new weight, and its new priority when a priority names it.
    const named = { ...identity, weight: now.weight, ...(identity.priority === undefined ? {} : { priority: now.priority }) };
    plan.steps.push(publishStep(named, publish));
    now = { ...now, state: stateOf(publish) };
    plan.after.push(now);
    plan.changes.push({ field: 'publishVpc', from: current.state === 'published', to: publish });
  }
  return plan;
}

/** "weight 100 -> 0, priority 20 -> 30 and withdrawn from the VPC route table". */
export function changesText(changes: ModifyPlan['changes']): string {
  const parts = changes.map((c) =>
    c.field === 'publishVpc' ? (c.to ? 'published to the VPC route table' : 'withdrawn from the VPC route table') : `${c.field} ${String(c.from)} -> ${String(c.to)}`,
  );
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The modifyVpnPbrRoute arguments that put the route back as it was. */
export function undoModify(target: ModifyTarget, plan: ModifyPlan): Record<string, unknown> {
  const last = plan.after.at(-1);
  const identity = identityOf(target);
  const undo: Record<string, unknown> = { ...identity, weight: last?.weight ?? identity.weight };
  if (identity.priority !== undefined || plan.changes.some((c) => c.field === 'priority')) undo.priority = last?.priority;
  for (const c of plan.changes) undo[c.field === 'publishVpc' ? 'publishVpc' : c.field === 'weight' ? 'newWeight' : 'newPriority'] = c.from;
  return undo;
}

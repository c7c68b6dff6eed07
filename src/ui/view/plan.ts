// A change made in several requests on the card: its steps in order (the ones the planner inserted marked, with
// why), the windows between them, and the gateway's routes before and after.
import type { RouteChangeCard } from '../card-data.js';

/** The card's own builders (render.ts), handed in so that this file stays below it. */
export interface CardParts {
  el(tag: string, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElement;
  fact(label: string, value: Node | string, wide?: boolean): HTMLElement;
  table(card: Pick<RouteChangeCard, 'rows' | 'priorities'>, rows?: RouteChangeCard['rows']): HTMLElement;
  /** An ID kept on one line (ellipsis, whole value in its title). */
  id(text: string): HTMLElement;
  /** A sentence whose IDs and CIDR blocks never break. */
  prose(text: string): (Node | string)[];
}

export function renderPlan(card: RouteChangeCard, { el, fact, table, id, prose }: CardParts): HTMLElement[] {
  const plan = card.plan;
  const facts = el('dl', { class: 'facts' }, fact('Change', card.change), fact('Gateway', id(card.vpnGatewayId), true), fact('Region', id(card.regionId)), fact('Requests', String(plan?.steps.length ?? 0)));
  if (!plan) return [facts];
  const steps = el(
    'ol',
    { class: 'steps' },
    ...plan.steps.map((s) =>
      el('li', { class: s.inserted ? 'inserted' : '', 'data-inserted': s.inserted ? 'true' : 'false' }, ...prose(s.describe), ...(s.inserted ? [el('small', {}, ...prose(` inserted: ${s.inserted}`))] : [])),
    ),
  );
  const windows = plan.windows.length > 0 ? [el('ul', { class: 'windows' }, ...plan.windows.map((w) => el('li', {}, ...prose(w))))] : [];
  return [
    facts,
    el('h2', {}, 'Steps, in order'),
    steps,
    ...windows,
    el('h2', {}, 'Routes of ', id(card.vpnGatewayId), ' before'),
    table(card, plan.before),
    el('h2', {}, 'After'),
    table(card, plan.after),
  ];
}

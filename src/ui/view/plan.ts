// A change made in several requests on the card: its steps in order (the ones the planner inserted marked, with
// why), the windows between them, and the gateway's routes before and after.
import type { RouteChangeCard } from '../card-data.js';
import { el, fact, id, prose, table } from './dom.js';

export function renderPlan(card: RouteChangeCard): HTMLElement[] {
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

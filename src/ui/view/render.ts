// Builds the card's DOM from the dry run's card data, and the outcome that replaces the buttons.
import type { RouteChangeCard } from '../card-data.js';
import { type Child, el, fact, id, prose, table } from './dom.js';
import { remaining } from './format.js';
import { renderPlan } from './plan.js';

export interface CardView {
  root: HTMLElement;
  actions: HTMLElement;
  approve: HTMLButtonElement;
  cancel: HTMLButtonElement;
  expiry: HTMLElement;
}

export function renderCard(card: RouteChangeCard): CardView {
  const r = card.route;
  const title = card.title;
  const approve = el('button', { type: 'button', class: 'approve' }, 'Approve') as HTMLButtonElement;
  const cancel = el('button', { type: 'button', class: 'cancel' }, 'Cancel') as HTMLButtonElement;
  const expiry = el('span', { class: 'expiry' });
  const warnings = [...card.warnings.map((w) => `${w.message}${w.hint ? ` (${w.hint})` : ''}`), ...card.notes];
  const actions = el('div', { class: 'actions' }, approve, cancel, el('span', { class: 'expires' }, 'Token expires in ', expiry));
  const root = el(
    'section',
    { class: `card ${card.change}` },
    el('header', {}, el('h1', {}, title), card.sandbox ? el('span', { class: 'badge sandbox' }, 'sandbox') : el('span', { class: 'badge live' }, 'live account')),
    ...(card.plan || !r
      ? renderPlan(card)
      : [
          el('p', { class: 'route' }, id(r.routeSource), ' → ', id(r.routeDest), ' via ', id(r.nextHop)),
          el(
            'dl',
            { class: 'facts' },
            fact('Change', card.change),
            fact('Gateway', id(card.vpnGatewayId), true),
            fact('Region', id(card.regionId)),
            fact('Weight', `${r.weight} (${r.weight === 100 ? 'active' : 'standby'})`),
            ...(card.priorities && r.priority !== undefined ? [fact('Priority', String(r.priority))] : []),
            ...(r.publishVpc === undefined ? [] : [fact('Publish to VPC', r.publishVpc ? 'yes' : 'no')]),
          ),
          el('h2', {}, 'Policy routes of ', id(card.vpnGatewayId), el('small', {}, card.priorities ? ' in priority order' : ' (this gateway has no route priorities)')),
          table(card),
        ]),
    ...(warnings.length > 0 ? [el('ul', { class: 'warnings' }, ...warnings.map((w) => el('li', {}, ...prose(w))))] : []),
    actions,
  );
  return { root, actions, approve, cancel, expiry };
}

export function tickExpiry(view: CardView, expiresAt: string, now: number): boolean {
  const left = remaining(expiresAt, now);
  view.expiry.textContent = left;
  const expired = left === 'expired';
  if (expired) view.approve.disabled = true;
  return expired;
}

export interface Outcome {
  /** `done`: any kind's finished status (created, deleted, modified, applied). */
  kind: 'submitted' | 'done' | 'failed' | 'cancelled' | 'expired' | 'pending';
  title: string;
  detail: string;
  /** `routeCreated: true`, `routeDeleted: false`, …: the contract's outcome field, as the result says it. */
  flag?: string;
}

/** Replaces the buttons with what happened. */
export function showOutcome(view: CardView, outcome: Outcome): void {
  const parts: Child[] = [el('strong', {}, outcome.title), el('p', {}, outcome.detail)];
  if (outcome.flag !== undefined) parts.push(el('p', { class: 'route-created' }, outcome.flag));
  view.actions.className = `outcome ${outcome.kind}`;
  view.actions.setAttribute('role', 'status');
  view.actions.replaceChildren(...parts);
}

/** A dry run that did not pass (or any other result): its summary, nothing to approve. */
export function renderMessage(title: string, detail: string): HTMLElement {
  return el('section', { class: 'card' }, el('header', {}, el('h1', {}, title)), el('p', {}, detail));
}

// Builds the card's DOM from the dry run's card data, and the outcome that replaces the buttons.
import type { RouteChangeCard } from '../card-data.js';
import { remaining, rowCells, type Segment, splitIds, tableHead } from './format.js';
import { renderPlan } from './plan.js';

type Child = Node | string;

export function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** An ID on one line: cut with an ellipsis where it does not fit, the whole value on hover (title). */
export function id(text: string): HTMLElement {
  return el('span', { class: 'id', title: text }, text);
}

function segments(parts: Segment[]): Child[] {
  return parts.map((part) => (part.id ? id(part.text) : part.text));
}

/** A sentence with its IDs and CIDR blocks kept whole. */
export function prose(text: string): Child[] {
  return segments(splitIds(text));
}

export function fact(label: string, value: Child, wide = false): HTMLElement {
  return el('div', { class: wide ? 'fact wide' : 'fact' }, el('dt', {}, label), el('dd', {}, value));
}

/** The routes as a table; `planRows` a plan's (before or after), whose rows also say whether they are published. */
export function table(card: Pick<RouteChangeCard, 'rows' | 'priorities'>, planRows?: RouteChangeCard['rows']): HTMLElement {
  const published = planRows !== undefined;
  const rows = (planRows ?? card.rows).map((row) => {
    const cls = [row.mark ?? '', row.relation ?? ''].join(' ').trim();
    const cells = rowCells(row, card.priorities, published);
    const note = cells.length - 1;
    return el(
      'tr',
      { class: cls, 'data-mark': row.mark ?? '', 'data-relation': row.relation ?? '' },
      ...cells.map((cell, i) =>
        i === note ? el('td', { class: 'note' }, cell.text) : el('td', { 'data-label': cell.label }, ...segments([cell])),
      ),
    );
  });
  return el(
    'div',
    { class: 'table-wrap' },
    el('table', {}, el('thead', {}, el('tr', {}, ...tableHead(card.priorities, published).map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)),
  );
}

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
      ? renderPlan(card, { el, fact, table, id, prose })
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

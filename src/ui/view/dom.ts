// The card's DOM builders, shared by render.ts (the card) and plan.ts (a plan's steps and tables).
import type { RouteChangeCard } from '../card-data.js';
import { rowCells, type Segment, splitIds, tableHead } from './format.js';

export type Child = Node | string;

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

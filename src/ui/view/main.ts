// The approval card: waits for the dry run's result from the host, shows it, and on Approve calls the app-only
// approveRouteChange through the host; the outcome replaces the buttons.
import type { CallToolResult } from '@modelcontextprotocol/client';
import { CHANGE_KINDS } from '../../domain/change-kinds.js';
import type { RouteChangeCard } from '../card-data.js';
import { CARD_META_KEY } from '../names.js';
import { type HostContext, HostLink } from './host-link.js';
import { type CardView, type Outcome, renderCard, renderMessage, showOutcome, tickExpiry } from './render.js';

const main = document.getElementById('card') as HTMLElement;

function applyHostContext(context: HostContext): void {
  const root = document.documentElement;
  if (context.theme) {
    root.dataset.theme = context.theme;
    root.style.colorScheme = context.theme;
  }
  for (const [name, value] of Object.entries(context.styles?.variables ?? {})) {
    if (value) root.style.setProperty(name, value);
  }
}

interface Body extends Record<string, unknown> {
  status?: string;
  summary?: string;
  error?: { code?: string; message?: string; hint?: string };
}

// Every kind's outcome field and finished status (domain/change-kinds.ts).
const OUTCOMES = Object.values(CHANGE_KINDS).map((k) => ({ field: k.outcomeField, done: k.doneStatus }));

function outcomeOf(result: CallToolResult): Outcome {
  const body = (result.structuredContent ?? {}) as Body;
  const field = OUTCOMES.find((o) => body[o.field] !== undefined)?.field;
  const flag = field ? `${field}: ${String(body[field])}` : undefined;
  const detail = body.summary ?? '';
  if (result.isError) return { kind: 'failed', title: `Failed: ${body.error?.code ?? 'error'}`, detail, flag };
  const done = OUTCOMES.find((o) => o.done === body.status);
  if (done) return { kind: 'done', title: `${done.done.charAt(0).toUpperCase()}${done.done.slice(1)}`, detail, flag };
  return { kind: 'submitted', title: 'Submitted: the gateway is still applying it', detail, flag };
}

let shown: { card: RouteChangeCard; view: CardView; timer: number } | undefined;

const link = new HostLink({
  onHostContext: applyHostContext,
  onToolCancelled: () => {
    if (!shown) main.replaceChildren(renderMessage('Cancelled', 'The dry run was cancelled; there is nothing to approve.'));
  },
  onToolResult: (result) => {
    // A later result (another dry run in the same card) replaces the card; an approval in flight keeps it.
    if (shown) return;
    const card = (result._meta as Record<string, unknown> | undefined)?.[CARD_META_KEY] as RouteChangeCard | undefined;
    const body = (result.structuredContent ?? {}) as Body;
    if (result.isError || !card) {
      // Not a passed dry run (a refusal, or a confirmation's own result): say what it is, offer no button.
      const title = result.isError ? `Refused: ${body.error?.code ?? 'error'}` : outcomeOf(result).title;
      main.replaceChildren(renderMessage(title, body.summary ?? ''));
      return;
    }
    show(card);
  },
});

function show(card: RouteChangeCard): void {
  const view = renderCard(card);
  main.replaceChildren(view.root);
  const tick = () => {
    if (tickExpiry(view, card.expiresAt, Date.now())) {
      window.clearInterval(timer);
      showOutcome(view, { kind: 'expired', title: 'Expired', detail: 'The confirmation token expired: ask for a new dry run.' });
    }
  };
  const timer = window.setInterval(tick, 1000);
  shown = { card, view, timer };
  tick();
  view.approve.addEventListener('click', () => void approve());
  view.cancel.addEventListener('click', () => {
    window.clearInterval(timer);
    showOutcome(view, { kind: 'cancelled', title: 'Cancelled', detail: 'Nothing was sent to the cloud.' });
    void link.updateModelContext(`The user cancelled this ${card.change} on the approval card; nothing was sent.`);
  });
}

async function approve(): Promise<void> {
  if (!shown) return;
  const { card, view, timer } = shown;
  window.clearInterval(timer);
  showOutcome(view, { kind: 'pending', title: 'Approving…', detail: 'Sending the change and waiting for the gateway.' });
  let outcome: Outcome;
  try {
    outcome = outcomeOf(await link.callTool(card.approve.name, card.approve.arguments));
  } catch {
    outcome = { kind: 'failed', title: 'Failed: the host did not deliver the approval', detail: 'Check the route list before trying again: the change may or may not have been made.' };
  }
  showOutcome(view, outcome);
  void link.updateModelContext(`Approval card: ${outcome.title}. ${outcome.detail}`);
}

link.connect().then(applyHostContext, () => {
  main.replaceChildren(renderMessage('No host', 'This card runs inside an MCP Apps host.'));
});

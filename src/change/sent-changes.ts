// The changes this process has sent and the API accepted, by ClientToken: how a confirmation replayed on the
// same server process is known to be a replay for certain (another process's replays are recognised from the
// API's answers and the route list instead: see report.ts). Kept until the token that derived the ClientToken
// expires (after that no confirmation can replay it), and bounded so that no caller can grow it without limit.
import type { Sent } from './change-kind.js';

/** Far more confirmations than one process makes within a token's lifetime (at most an hour). */
export const MAX_SENT_CHANGES = 10_000;

export interface SentChange {
  sent: Sent;
  /** Unix ms (ctx.now's clock) when the API accepted it. */
  at: number;
}

export class SentChanges {
  private readonly entries = new Map<string, SentChange & { until: number }>();

  constructor(private readonly limit = MAX_SENT_CHANGES) {}

  /** The accepted send of this ClientToken (key: where it went, the action and the token), if still remembered. */
  get(key: string, now: number): SentChange | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return { sent: entry.sent, at: entry.at };
  }

  /** Remembers an accepted send until `until` (the token's expiry); the oldest entry goes when the bound is reached. */
  remember(key: string, change: SentChange, until: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...change, until });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One key per place, action and ClientToken: the API's idempotency is per account, action and token. */
export function sentChangeKey(target: string, action: string, clientToken: string): string {
  return `${target}\n${action}\n${clientToken}`;
}

export const sentChanges = new SentChanges();

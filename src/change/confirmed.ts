// What the confirm has established once the human said yes, handed to the part that sends (send-single.ts, run-steps.ts).
import type { VpcClient } from '../cloud/vpc-client.js';
import type { VerifiedToken } from '../confirm/token.js';
import type { AuditDraft } from './audited.js';
import type { CallBudget } from './budget.js';

export interface Confirmed {
  verified: VerifiedToken;
  /** Where the change goes (TokenKeys.target: endpoint and account), for the record of sent changes. */
  place: string;
  /** The cloud client within this call's budget. */
  client: VpcClient;
  budget: CallBudget;
  draft: AuditDraft;
  /** The plan's ID the token binds (a change set), for the audit lines of its steps. */
  planId?: string;
}

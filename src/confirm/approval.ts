// Who may confirm a change: the principal that made the dry run, or, with VPN_PBR_MCP_APPROVERS set,
// a listed approver who is not that principal (two-person approval for chat-ops).
import { confirmerNotAllowed as mismatch } from '../errors/factories.js';

export interface Approval {
  requestedBy: string;
  approvedBy: string;
}

/**
 * Throws ConfirmationMismatch when `confirmer` may not confirm a dry run made by `requestedBy`.
 * Returns the approval to report when another principal confirmed it.
 */
export function checkConfirmer(
  requestedBy: string | undefined,
  confirmer: string | undefined,
  approvers: readonly string[] | undefined,
  /** The change tool, for the hint: its phase 1 issues a token of one's own. */
  tool: string,
): Approval | undefined {
  if (approvers === undefined) {
    if (requestedBy === confirmer) return undefined;
    throw mismatch(
      'The confirmation token was issued to another caller: only the caller that made the dry run may confirm it.',
      `call ${tool} without confirmationToken to run your own dry run`,
    );
  }
  if (confirmer === undefined || requestedBy === undefined) {
    throw mismatch(
      'Two-person approval is on (VPN_PBR_MCP_APPROVERS), but the dry run or this confirmation comes from a caller without a name.',
      'serve over HTTP with bearer tokens or OAuth so that every caller has a principal',
    );
  }
  if (confirmer === requestedBy) {
    throw mismatch(`Two-person approval is on: ${confirmer} made the dry run and may not also confirm it.`, askAnApprover(requestedBy, approvers));
  }
  if (!approvers.includes(confirmer)) {
    throw mismatch(`Two-person approval is on: ${confirmer} is not an approver.`, askAnApprover(requestedBy, approvers));
  }
  return { requestedBy, approvedBy: confirmer };
}

/** The next step: the approvers who may confirm this dry run, which never includes the one who made it. */
function askAnApprover(requestedBy: string, approvers: readonly string[]): string {
  const others = approvers.filter((a) => a !== requestedBy);
  if (others.length === 0) {
    return `no approver other than ${requestedBy} is configured (VPN_PBR_MCP_APPROVERS): add another principal to it, since nobody else can confirm this change`;
  }
  return `ask ${others.length === 1 ? 'the approver' : 'an approver'} (${others.join(', ')}) to confirm it with the same arguments and confirmationToken`;
}

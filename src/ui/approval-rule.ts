// VPN_PBR_MCP_REQUIRE_APP_APPROVAL: where the client renders MCP Apps, a change is confirmed only by the human
// pressing Approve on the card (approveRouteChange, an app-only tool), never by the model passing the token on.
import type { Config } from '../config.js';
import type { ErrorBody } from '../errors/app-error.js';

export interface ApprovalPath {
  clientRendersApps?: boolean;
  approvedOnCard?: boolean;
}

/**
 * The refusal of a model-side confirmation, or undefined when it may go on. A client whose support is unknown
 * (no handshake on this connection: stateless HTTP) is refused too: the setting must not fail open.
 */
export function modelConfirmationRefusal(config: Pick<Config, 'requireAppApproval'>, path: ApprovalPath): ErrorBody | undefined {
  if (!config.requireAppApproval || path.approvedOnCard || path.clientRendersApps === false) return undefined;
  return {
    code: 'ApprovalRequired',
    message: 'This server accepts a change only when the user approves it on the approval card; the confirmation token cannot be used by the model.',
    retryable: false,
    source: 'confirmation',
    hint: 'ask the user to review the change on the card shown with the dry run and press Approve there; do not call this tool again with the token',
  };
}

/** approveRouteChange from a client known not to render MCP Apps: no card exists, so no human pressed Approve. */
export function noApprovalCard(): ErrorBody {
  return {
    code: 'ApprovalCardUnavailable',
    message: 'approveRouteChange is the approval card\'s button, and this client does not render MCP Apps.',
    retryable: false,
    source: 'confirmation',
    hint: 'show the human the dry run, and after they approve, call the change tool again with the same arguments and the confirmationToken',
  };
}

// VPN_PBR_MCP_REQUIRE_APP_APPROVAL: where the client renders MCP Apps, a change is confirmed only by the human
// pressing Approve on the card (approveRouteChange, an app-only tool), never by the model passing the token on.
import type { Config } from '../config.js';
import type { AppError } from '../errors/app-error.js';
import { approvalRequired } from '../errors/factories.js';

export interface ApprovalPath {
  clientRendersApps?: boolean;
  approvedOnCard?: boolean;
}

/**
 * The refusal of a model-side confirmation, or undefined when it may go on. A client whose support is unknown
 * (no handshake on this connection: stateless HTTP) is refused too: the setting must not fail open.
 */
export function modelConfirmationRefusal(config: Pick<Config, 'requireAppApproval'>, path: ApprovalPath): AppError | undefined {
  if (!config.requireAppApproval || path.approvedOnCard || path.clientRendersApps === false) return undefined;
  return approvalRequired();
}

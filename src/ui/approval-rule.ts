// VPN_PBR_MCP_REQUIRE_APP_APPROVAL: a change is confirmed only by the human pressing Approve on the approval card
// (approveRouteChange, an app-only tool) in a host that this request shows to render MCP Apps; never by the model
// passing the token on. Where the request does not show it (a client that does not declare MCP Apps, or 2025
// stateless HTTP, where the server sees no capabilities at all), every path that confirms a change is refused:
// the setting never fails open.
import type { Config } from '../config.js';
import type { AppError } from '../errors/app-error.js';
import { approvalRequired } from '../errors/factories.js';

export interface ApprovalPath {
  /** From this request's client capabilities; undefined when they are unknown. */
  clientRendersApps?: boolean;
  approvedOnCard?: boolean;
}

/** The refusal of a confirmation under the setting, or undefined when it may go on (always, without the setting). */
export function modelConfirmationRefusal(config: Pick<Config, 'requireAppApproval'>, path: ApprovalPath): AppError | undefined {
  if (!config.requireAppApproval) return undefined;
  if (path.clientRendersApps === true) return path.approvedOnCard ? undefined : approvalRequired();
  return approvalRequired(path.clientRendersApps === false ? 'noApps' : 'unknownApps');
}

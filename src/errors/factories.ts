// One factory per error code of ours: each is built here only, with one message shape and one hint.
// Alibaba's own codes pass through from the API (cloud/sdk-errors.ts); confirmation-token refusals
// are built by confirm/token.ts and the audit log's by audit.ts, next to the only code that raises them.
import { REGION_REQUIRED_HINT } from '../domain/ids.js';
import { describeIssue } from '../domain/issues.js';
import type { Issue } from '../domain/types.js';
import { AppError } from './app-error.js';

const CREDENTIALS_HINT =
  'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS), ' +
  'or check the profile (ALIBABA_CLOUD_PROFILE) in ~/.aliyun/config.json or the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, ' +
  'default ~/.alibabacloud/credentials) and the RAM role settings; start the server with --sandbox to try the demo account';

/**
 * No usable credentials. `tried` names the configured sources that gave none; without it, none is configured.
 */
export function credentialsMissing(tried?: readonly string[]): AppError {
  let message: string;
  if (tried === undefined) message = 'No Alibaba Cloud credentials are configured, so the account cannot be reached.';
  else if (tried.length === 0) message = 'No usable Alibaba Cloud credentials (AccessKey ID and secret) are available.';
  else message = `Could not get Alibaba Cloud credentials from the configured sources (tried: ${tried.join(', ')}).`;
  return new AppError({ code: 'CredentialsMissing', message, retryable: false, source: 'config', hint: CREDENTIALS_HINT });
}

export function regionRequired(): AppError {
  return new AppError({
    code: 'RegionRequired',
    message: 'No regionId was given and the server has no default region.',
    retryable: false,
    source: 'input',
    field: 'regionId',
    hint: REGION_REQUIRED_HINT,
  });
}

export function invalidRegionId(): AppError {
  return new AppError({
    code: 'InvalidParameter.RegionId',
    message: 'regionId must look like cn-hangzhou.',
    retryable: false,
    source: 'input',
    field: 'regionId',
  });
}

export function invalidConfiguration(message: string): AppError {
  return new AppError({ code: 'InvalidConfiguration', message, retryable: false, source: 'config' });
}

/** A bug: said without the thrown error's message, which may hold a signed URL or a secret. */
export function internalError(): AppError {
  return new AppError({
    code: 'InternalError',
    message: 'The server met an unexpected internal error.',
    retryable: false,
    source: 'internal',
  });
}

/** Broken arguments or a broken route, every problem listed. */
export function validationFailed(issues: readonly Issue[], subject: 'arguments' | 'route' = 'arguments'): AppError {
  const first = issues[0];
  const detail = issues.map((i) => describeIssue(i, false)).join('; ');
  return new AppError({
    code: 'ValidationFailed',
    message: `The ${subject} ${subject === 'route' ? 'is' : 'are'} not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${detail}.`,
    retryable: false,
    source: 'input',
    field: first?.field,
    issues: [...issues],
    hint: 'fix the listed arguments and call again',
  });
}

// Problems that have a top-level error code of the contract when they are the only ones.
const OWN_CODE: Record<string, 'policy' | 'input'> = { RegionNotAllowed: 'policy', GatewayNotAllowed: 'policy', RegionRequired: 'input' };

/** A route refused before anything was sent: its own code when every problem is one policy or region problem. */
export function routeRefused(issues: readonly Issue[]): AppError {
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  const source = first ? OWN_CODE[first.code] : undefined;
  if (first && source && errors.every((i) => OWN_CODE[i.code] === source)) {
    return new AppError({
      code: first.code,
      message: errors.map((i) => `${i.message.charAt(0).toUpperCase()}${i.message.slice(1)}.`).join(' '),
      retryable: false,
      source,
      field: first.field,
      issues: [...issues],
      hint: first.hint,
    });
  }
  return new AppError({ ...validationFailed(errors, 'route').body, issues: [...issues] });
}

export function readOnlyMode(toolName: string): AppError {
  return new AppError({
    code: 'ReadOnlyMode',
    message: `This server runs in read-only mode: ${toolName} is not available.`,
    retryable: false,
    source: 'policy',
    hint: 'use the read-only tools (validateRoute, listVpnPbrRoutes, listVpnGateways, describeVpnGateway), or ask the operator to turn off VPN_PBR_MCP_READ_ONLY',
  });
}

export function confirmationDeclined(answer: 'decline' | 'cancel', what: string): AppError {
  return new AppError({
    code: 'ConfirmationDeclined',
    message: `The user ${answer === 'decline' ? 'declined' : 'cancelled'} ${what}.`,
    retryable: false,
    source: 'confirmation',
    hint: 'do not retry unless the user asks for it again',
  });
}

export function confirmationNotObtained(tool: string): AppError {
  return new AppError({
    code: 'ConfirmationNotObtained',
    message: 'The client could not ask the user to confirm the change.',
    retryable: true,
    source: 'confirmation',
    hint: `call ${tool} again with the same arguments and token to ask again`,
  });
}

export function timeout(action: string, timeoutMs: number | undefined): AppError {
  const after = timeoutMs !== undefined ? ` within ${timeoutMs} ms` : '';
  return new AppError({
    code: 'Timeout',
    message: `The VPC API did not answer ${action}${after}.`,
    retryable: true,
    source: 'network',
    hint: 'Check the network path to the endpoint, or raise VPN_PBR_MCP_TIMEOUT_MS.',
  });
}

export function networkError(action: string, systemCode: string, kind: 'dns' | 'connection' | 'tls'): AppError {
  const message = {
    dns: `The VPC API endpoint's host name could not be resolved while calling ${action} (${systemCode}).`,
    connection: `The connection to the VPC API failed while calling ${action} (${systemCode}).`,
    tls: `The TLS connection to the VPC API failed while calling ${action} (${systemCode}).`,
  }[kind];
  const hint = {
    dns: 'Check regionId, the endpoint and DNS.',
    connection: 'Check the network path to the endpoint (proxy, firewall) and retry.',
    tls: 'Check the endpoint URL and any TLS-intercepting proxy.',
  }[kind];
  return new AppError({ code: 'NetworkError', message, retryable: kind !== 'tls', source: 'network', hint });
}

/** An answer that is not the VPC API's: unreadable, or an HTTP error without a code. */
export function invalidResponse(
  action: string,
  detail: { unreadable: string } | { httpStatus: number },
  extra: { httpStatus?: number; requestId?: string } = {},
): AppError {
  if ('unreadable' in detail) {
    return new AppError({
      code: 'InvalidResponse',
      message: `The VPC API's answer to ${action} could not be read (${detail.unreadable}).`,
      retryable: true,
      source: 'network',
      httpStatus: extra.httpStatus,
      hint: 'A proxy or the endpoint may have answered instead of the VPC API; check the endpoint and retry.',
    });
  }
  return new AppError({
    code: 'InvalidResponse',
    message: `The VPC API answered ${action} with HTTP ${detail.httpStatus} and no error code.`,
    retryable: false,
    source: 'network',
    requestId: extra.requestId,
    httpStatus: detail.httpStatus,
    hint: 'Check the endpoint: something other than the VPC API may be answering.',
  });
}

/** The API answered a dry run as a success: the change may have been made. */
export function dryRunIgnored(action: string, requestId: string | undefined, httpStatus: number | undefined): AppError {
  return new AppError({
    code: 'DryRunIgnored',
    message: `The VPC API answered the dry run of ${action} as a success instead of DryRunOperation; the change may have been made.`,
    retryable: false,
    source: 'cloud',
    requestId,
    httpStatus,
    hint: 'Call listVpnPbrRoutes to check the gateway\'s routes.',
  });
}

/** A sent change whose answer was lost, and nothing settled what became of it. */
export function outcomeUnknown(message: string, hint: string, retryable = true): AppError {
  return new AppError({ code: 'OutcomeUnknown', message, retryable, source: 'network', hint });
}

/** The caller cancelled before this request was sent: it was not sent. */
export function cancelled(action: string, lastCode?: string): AppError {
  const after = lastCode ? ` after an attempt that failed with ${lastCode}` : '';
  return new AppError({
    code: 'Cancelled',
    message: `The call was cancelled before ${action} was sent${after}; no further request was sent.`,
    retryable: true,
    source: 'input',
  });
}

/** The call's time budget ran out before this request could be sent: it was not sent. */
export function callBudgetExceeded(action: string, lastCode?: string): AppError {
  const after = lastCode ? ` (the last attempt failed with ${lastCode})` : '';
  return new AppError({
    code: 'CallBudgetExceeded',
    message: `The call's time budget ran out before ${action} could be sent${after}.`,
    retryable: true,
    source: 'network',
    hint: 'Call again with the same arguments (and the same confirmationToken, if any) in a moment; raise VPN_PBR_MCP_CALL_BUDGET_SECONDS if this keeps happening.',
  });
}

/** A confirm by a principal that may not confirm this dry run (confirm/approval.ts). */
export function confirmerNotAllowed(message: string, hint: string): AppError {
  return new AppError({ code: 'ConfirmationMismatch', message, retryable: false, source: 'confirmation', field: 'confirmationToken', hint });
}

/**
 * VPN_PBR_MCP_REQUIRE_APP_APPROVAL: the model passed the token on where only the approval card may confirm; with a
 * `reason`, no card could be shown: the client does not render MCP Apps (noApps) or cannot be seen to (unknownApps).
 */
export function approvalRequired(reason?: 'noApps' | 'unknownApps'): AppError {
  if (reason === undefined) {
    return new AppError({
      code: 'ApprovalRequired',
      message: 'This server accepts a change only when the user approves it on the approval card; the confirmation token cannot be used by the model.',
      retryable: false,
      source: 'confirmation',
      hint: 'ask the user to review the change on the card shown with the dry run and press Approve there; do not call this tool again with the token',
    });
  }
  return new AppError({
    code: 'ApprovalRequired',
    message:
      reason === 'noApps'
        ? 'This server accepts a change only when the user approves it on the approval card, and this client does not render MCP Apps (the card).'
        : 'This server accepts a change only when the user approves it on the approval card, and it cannot see that this client renders MCP Apps (over HTTP, only clients of MCP 2026-07-28 declare it per request).',
    retryable: false,
    source: 'confirmation',
    hint: 'use a host that renders MCP Apps and declares it (the io.modelcontextprotocol/ui extension), and approve the change on its card',
  });
}

/** approveRouteChange from a client known not to render MCP Apps: no card exists, so no human pressed Approve. */
export function approvalCardUnavailable(): AppError {
  return new AppError({
    code: 'ApprovalCardUnavailable',
    message: 'approveRouteChange is the approval card\'s button, and this client does not render MCP Apps.',
    retryable: false,
    source: 'confirmation',
    hint: 'show the human the dry run, and after they approve, call the change tool again with the same arguments and the confirmationToken',
  });
}

/** The confirm found the previewed target changed (another route, other values): nothing was sent. */
export function routeChangedSincePreview(what: string, tool: string): AppError {
  return new AppError({
    code: 'RouteChangedSincePreview',
    message: what,
    retryable: false,
    source: 'confirmation',
    field: 'confirmationToken',
    hint: `call ${tool} without confirmationToken to run phase 1 again on the routes as they are now, and show the human the new preview`,
  });
}

/** The route list could not be read at the confirm, so what was previewed could not be checked: nothing was sent. */
export function routeListUnavailable(tool: string): AppError {
  return new AppError({
    code: 'RouteListUnavailable',
    message: "The gateway's route list could not be read, so the routes could not be checked against the preview; nothing was sent.",
    retryable: true,
    source: 'network',
    hint: `call ${tool} again with the same arguments and confirmationToken in a moment`,
  });
}

/** A weight change the API refuses while the route's active/standby partner is listed: done by applyRouteChanges instead. */
export function partnerRouteListed(message: string, applyRouteChanges: Record<string, unknown>): AppError {
  const error = new AppError({
    code: 'PartnerRouteListed',
    message,
    retryable: false,
    source: 'input',
    field: 'newWeight',
    hint: 'to swap the active and standby routes, call applyRouteChanges with the arguments in applyRouteChanges: it deletes the partner, changes this weight and recreates the partner, with one approval',
  });
  error.resultFields = { applyRouteChanges };
  return error;
}

/** A modify whose new values are the route's values already: nothing would be sent. */
export function nothingToModify(what: string): AppError {
  return new AppError({ code: 'NothingToModify', message: `${what}: nothing would change.`, retryable: false, source: 'input', field: 'newWeight', hint: 'give the values the route should have, as they differ from what listVpnPbrRoutes shows' });
}

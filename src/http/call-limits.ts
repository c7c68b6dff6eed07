// Per principal, before the MCP handler (issue 16): the rate limit in tool calls, and how many tool calls may run
// at once (lifecycle/admission.ts, per principal and in total). Over either, 429 with Retry-After at once and
// nothing is started. Runs after authentication and body parsing.
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Request, RequestHandler } from 'express';
import { type Admission, BUSY_RETRY_AFTER_SECONDS, describeRefusal, REQUEST_SLOTS, requestSlots } from '../lifecycle/admission.js';
import { sendJsonRpcError } from './json-rpc-error.js';
import { countMessages, createRateWindow } from './rate-limit.js';

/** Messages without a tool call (connecting, listing tools) count apart, with this many times the budget. */
const OTHER_MESSAGES_FACTOR = 5;

type HttpRefusal = 'RateLimited' | 'ServerBusy';

export interface CallLimitsOptions {
  /** Tool calls per principal per minute. */
  ratePerMinute: number;
  admission: Admission;
  onRefused?: (code: HttpRefusal) => void;
  now?: () => number;
}

export function limitCalls(options: CallLimitsOptions): RequestHandler {
  const { ratePerMinute, admission } = options;
  const toolCalls = createRateWindow(ratePerMinute, options.now);
  const otherMessages = createRateWindow(ratePerMinute * OTHER_MESSAGES_FACTOR, options.now);
  const refuse = (res: Parameters<RequestHandler>[1], code: HttpRefusal, retryAfter: number, message: string) => {
    options.onRefused?.(code);
    res.set('Retry-After', String(retryAfter));
    sendJsonRpcError(res, 429, -32000, message);
  };
  return (req, res, next) => {
    const principal = String((req as Request & { auth?: AuthInfo }).auth?.extra?.principal ?? '');
    const count = countMessages(req.body);
    // Slots first: a call refused as busy must not use up the caller's rate.
    const admitted = count.toolCalls > 0 ? admission.enter(principal, count.toolCalls) : undefined;
    if (admitted?.refused) {
      const bound = describeRefusal(admitted, 'caller');
      return refuse(res, 'ServerBusy', BUSY_RETRY_AFTER_SECONDS, `Server busy: ${bound}; nothing was started, retry in a moment`);
    }
    const waitCalls = count.toolCalls > 0 ? toolCalls.take(principal, count.toolCalls) : undefined;
    const waitOther = waitCalls === undefined && count.other > 0 ? otherMessages.take(principal, count.other) : undefined;
    const wait = waitCalls ?? waitOther;
    if (wait !== undefined) {
      admitted?.leave();
      const limit = waitCalls !== undefined ? `${ratePerMinute} tool calls` : `${ratePerMinute * OTHER_MESSAGES_FACTOR} other messages`;
      return refuse(res, 'RateLimited', wait, `Rate limit: at most ${limit} per minute per caller; retry in ${wait} s`);
    }
    if (admitted) {
      // The tool call's handler takes the slots over (src/server.ts) and frees them when its work is done, not
      // when the client goes away; a request it never reaches frees them when the exchange ends.
      const slots = requestSlots(admitted);
      const withAuth = req as Request & { auth?: AuthInfo };
      const auth = withAuth.auth ?? { token: '', clientId: principal, scopes: [] };
      withAuth.auth = { ...auth, extra: { ...auth.extra, [REQUEST_SLOTS]: slots } };
      res.once('close', () => slots.requestClosed());
    }
    next();
  };
}

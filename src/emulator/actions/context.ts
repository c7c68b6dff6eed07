// What every action handler receives; it returns the answer body (without RequestId) or throws ApiError.
import { optionalClientToken, type Params } from '../params.js';
import type { EmulatorState } from '../state.js';

export interface ActionContext {
  action: string;
  params: Params;
  accessKeyId: string;
  state: EmulatorState;
}

export type ActionHandler = (context: ActionContext) => Record<string, unknown>;

/**
 * A change answered once per ClientToken: the same token and parameters get the first success's answer again and
 * change nothing (a failure claims no token); `skip` exempts a request (a dry run checks afresh every time).
 */
export function idempotent(change: ActionHandler, skip: (context: ActionContext) => boolean = () => false): ActionHandler {
  return (context) => {
    const { action, params, accessKeyId, state } = context;
    const given = optionalClientToken(params);
    const token = skip(context) ? undefined : given;
    if (token !== undefined) {
      const earlier = state.idempotency.replay(accessKeyId, action, token, params);
      if (earlier !== undefined) return earlier;
    }
    const answer = change(context);
    if (token !== undefined) state.idempotency.remember(accessKeyId, action, token, params, answer);
    return answer;
  };
}

// What every action handler receives; it returns the answer body (without RequestId) or throws ApiError.
import type { Params } from '../params.js';
import type { EmulatorState } from '../state.js';

export interface ActionContext {
  action: string;
  params: Params;
  accessKeyId: string;
  state: EmulatorState;
}

export type ActionHandler = (context: ActionContext) => Record<string, unknown>;

// The kinds of change this server makes, and the words each is reported in. Everything that names a change
// (outcome fields, summaries, statuses, audit phases, the approval card, approveRouteChange's `change`) is
// derived from this one table, so a new kind is one row here and one ChangeKind in src/change/kinds/.

export interface ChangeWords {
  /** The tool whose two phases make the change. */
  tool: string;
  /** The result field that says whether the change was made: true, false or "unknown". */
  outcomeField: string;
  /** The status of a finished change; an unfinished one is `submitted`. */
  doneStatus: string;
  /** The audit line's phase of the confirmation ("To create it, …"). */
  verb: string;
  /** What the human declined: "the creation of …". */
  noun: string;
  /** The sentence a refusal ends with when nothing was changed. */
  nothingChanged: string;
  /** The sentence an error ends with when the change may or may not have been made. */
  mayHaveChanged: string;
  /** The approval card's heading. */
  title: string;
}

export const CHANGE_KINDS = {
  create: {
    title: 'Create a policy-based route',
    tool: 'createVpnPbrRoute',
    outcomeField: 'routeCreated',
    doneStatus: 'created',
    verb: 'create',
    noun: 'the creation of',
    nothingChanged: 'No route was created.',
    mayHaveChanged: 'The route may or may not have been created: do not create it again before learning the outcome (listVpnPbrRoutes shows the routes).',
  },
  delete: {
    title: 'Delete a policy-based route',
    tool: 'deleteVpnPbrRoute',
    outcomeField: 'routeDeleted',
    doneStatus: 'deleted',
    verb: 'delete',
    noun: 'the deletion of',
    nothingChanged: 'No route was deleted.',
    mayHaveChanged: 'The route may or may not have been deleted: do not delete it again before learning the outcome (listVpnPbrRoutes shows the routes).',
  },
  modify: {
    title: 'Modify a policy-based route',
    tool: 'modifyVpnPbrRoute',
    outcomeField: 'routeModified',
    doneStatus: 'modified',
    verb: 'modify',
    noun: 'the modification of',
    nothingChanged: 'No route was modified.',
    mayHaveChanged: 'The route may or may not have been modified: do not modify it again before learning the outcome (listVpnPbrRoutes shows the routes).',
  },
  apply: {
    title: 'Apply a change set',
    tool: 'applyRouteChanges',
    outcomeField: 'changesApplied',
    doneStatus: 'applied',
    verb: 'apply',
    noun: 'the change set of',
    nothingChanged: 'No route was changed.',
    mayHaveChanged:
      'Routes may or may not have been changed: do not start the set over before learning the outcome (listVpnPbrRoutes shows the routes; confirming again with the same token resumes and sends no request twice).',
  },
} as const satisfies Record<string, ChangeWords>;

export type ChangeKindName = keyof typeof CHANGE_KINDS;
export type OutcomeField = (typeof CHANGE_KINDS)[ChangeKindName]['outcomeField'];
export type ChangeVerb = (typeof CHANGE_KINDS)[ChangeKindName]['verb'];
/** A change's outcome: `false` only when nothing was changed, `true` only for a change this call made. */
export type Outcome = boolean | 'unknown';

export const CHANGE_KIND_NAMES = Object.keys(CHANGE_KINDS) as ChangeKindName[];
export const OUTCOME_FIELDS = CHANGE_KIND_NAMES.map((name) => CHANGE_KINDS[name].outcomeField);

/** The kind whose tool is `tool`, if it makes changes. */
export function changeKindOfTool(tool: string): ChangeKindName | undefined {
  return CHANGE_KIND_NAMES.find((name) => CHANGE_KINDS[name].tool === tool);
}

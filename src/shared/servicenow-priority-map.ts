// A ServiceNow source's own priority codes (docs/servicenow.md "Priority map"): which canonical
// priority a code outside the built-in 1..5 means on this instance (custom choices such as
// "0 - Emergency" or "6 - Planning"), or a built-in code means instead. Made like the state map
// (servicenow-code-map.ts), for the same four: config schema, command line, IPC contract, form.
import { PRIORITIES, type Priority } from './domain'
import { codeMapKit } from './servicenow-code-map'

/** A source's own priority codes (config `priorityMap`, e.g. { "0": "P1", "6": "P4" }), before PRIORITY_MAP. */
export type PriorityMap = Readonly<Record<string, Priority>>

export const {
  /** Validates a priority map from config: keys are priority codes (whole numbers), values P1..P4. */
  schema: priorityMapSchema,
  /** Parses the command line's `0=P1,6=P4` (priorities in any case), as parseStateMapText does states. */
  parse: parsePriorityMapText,
  /** The priorities, as messages list them. */
  list: PRIORITY_LIST,
  // A priority is a short choice list: a few custom codes at most.
} = codeMapKit({ what: 'priority', value: 'priority', values: PRIORITIES, examples: '0=P1,6=P4', max: 20 })

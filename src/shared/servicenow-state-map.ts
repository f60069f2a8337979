// A ServiceNow source's own state codes (SPEC §10; docs/servicenow.md "State map"): which canonical
// status a code outside the built-in 1/2/3/6/7/8 means on this instance. Shared by the connector's
// config schema, the command line (`--state-map 4=PENDING,-5=OPEN`), the IPC contract and the
// Settings form, so all four accept and word the same thing (servicenow-code-map.ts; codeMapText
// writes a map back as the command line takes it).
import { SR_STATUSES, type SrStatus } from './domain'
import { codeMapKit } from './servicenow-code-map'

/**
 * A source's own state codes (config `stateMap`, e.g. { "4": "PENDING", "-5": "OPEN" }): consulted
 * before STATE_MAP, for codes older instances, customisations and other task tables use.
 */
export type StateMap = Readonly<Record<string, SrStatus>>

export const {
  /** Validates a state map from config: keys are state codes (whole numbers), values canonical statuses. */
  schema: stateMapSchema,
  /**
   * Parses the command line's `4=PENDING,-5=OPEN` (statuses in any case) into a state map; otherwise
   * an English message naming the bad entry (the command line's) and the same as a problem code.
   */
  parse: parseStateMapText,
  /** The statuses, as messages list them. */
  list: STATUS_LIST,
} = codeMapKit({
  what: 'state',
  value: 'status',
  values: SR_STATUSES,
  examples: '4=PENDING,-5=OPEN',
  max: 100,
})

// A ServiceNow source's own state codes (SPEC §10; docs/servicenow.md "State map"): which canonical
// status a code outside the built-in 1/2/3/6/7/8 means on this instance. Shared by the connector's
// config schema, the command line (`--state-map 4=PENDING,-5=OPEN`), the IPC contract and the
// Settings form, so all four accept and word the same thing.
import { z } from 'zod'
import { SR_STATUSES, type SrStatus } from './domain'

/**
 * A source's own state codes (config `stateMap`, e.g. { "4": "PENDING", "-5": "OPEN" }): consulted
 * before STATE_MAP, for codes older instances, customisations and other task tables use.
 */
export type StateMap = Readonly<Record<string, SrStatus>>

const STATE_CODE = /^-?\d+$/
export const STATUS_LIST = SR_STATUSES.join(', ')
const MAX_STATE_MAP = 100

/** Validates a state map from config: keys are state codes (whole numbers), values canonical statuses. */
export const stateMapSchema = z
  .record(z.string(), z.string())
  .superRefine((map, ctx) => {
    if (Object.keys(map).length > MAX_STATE_MAP)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_STATE_MAP} state codes` })
    for (const [code, status] of Object.entries(map)) {
      if (!STATE_CODE.test(code))
        ctx.addIssue({
          code: 'custom',
          path: [code],
          message: `"${code}" is not a ServiceNow state code (the state's value, a whole number such as 4 or -5)`,
        })
      else if (!(SR_STATUSES as readonly string[]).includes(status))
        ctx.addIssue({
          code: 'custom',
          path: [code],
          message: `"${status}" is not a status; map state ${code} to one of ${STATUS_LIST}`,
        })
    }
  })
  .transform((map) => map as StateMap)

/** Why state-map text was refused, as a code and params the Connections form words in its language. */
export type StateMapProblem =
  | { code: 'not_pair'; params: { entry: string } }
  | { code: 'bad_code'; params: { entry: string; code: string } }
  | { code: 'bad_status'; params: { entry: string; status: string; statuses: string } }
  | { code: 'twice'; params: { code: string; first: string; second: string } }
  | { code: 'empty'; params: Record<string, never> }
  | { code: 'too_many'; params: { max: number } }

/**
 * Parses the command line's `4=PENDING,-5=OPEN` (statuses in any case) into a state map; otherwise
 * an English message naming the bad entry (the command line's) and the same as a problem code.
 */
export function parseStateMapText(
  text: string,
): { ok: true; map: StateMap } | { ok: false; error: string; problem: StateMapProblem } {
  const map: Record<string, SrStatus> = {}
  for (const raw of text.split(',')) {
    const entry = raw.trim()
    if (entry === '') continue
    const m = /^([^=]*)=(.*)$/.exec(entry)
    if (!m)
      return {
        ok: false,
        error: `"${entry}" is not CODE=STATUS (e.g. 4=PENDING)`,
        problem: { code: 'not_pair', params: { entry } },
      }
    const code = (m[1] ?? '').trim()
    const given = m[2]?.trim() ?? ''
    const status = given.toUpperCase()
    if (!STATE_CODE.test(code))
      return {
        ok: false,
        error: `"${entry}": "${code}" is not a ServiceNow state code (the state's value, a whole number such as 4 or -5)`,
        problem: { code: 'bad_code', params: { entry, code } },
      }
    if (!(SR_STATUSES as readonly string[]).includes(status))
      return {
        ok: false,
        error: `"${entry}": "${given}" is not a status; use one of ${STATUS_LIST}`,
        problem: { code: 'bad_status', params: { entry, status: given, statuses: STATUS_LIST } },
      }
    const first = map[code]
    if (first !== undefined && first !== status)
      return {
        ok: false,
        error: `state ${code} is given twice (${first} and ${status})`,
        problem: { code: 'twice', params: { code, first, second: status } },
      }
    map[code] = status as SrStatus
  }
  if (Object.keys(map).length === 0)
    return {
      ok: false,
      error: 'no CODE=STATUS entries (e.g. 4=PENDING,-5=OPEN)',
      problem: { code: 'empty', params: {} },
    }
  if (Object.keys(map).length > MAX_STATE_MAP)
    return {
      ok: false,
      error: `at most ${MAX_STATE_MAP} state codes`,
      problem: { code: 'too_many', params: { max: MAX_STATE_MAP } },
    }
  return { ok: true, map }
}

/** `-5=OPEN,4=PENDING`: a state map as the command line takes it, by code. */
export function stateMapText(map: StateMap): string {
  return Object.entries(map)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, status]) => `${code}=${status}`)
    .join(',')
}

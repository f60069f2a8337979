// ServiceNow incident → canonical SR (SPEC §2), documented in docs/servicenow.md. Records are read with
// sysparm_display_value=all, so every field is { value, display_value }: codes and instants come from
// `value` (language- and time-zone-independent: state "2", UTC "2026-03-31 15:30:00"), names from
// `display_value` (reference fields resolved by the server, no extra sys_user/core_company calls).
import type { ServiceNowRowProblemCode } from '../../../../shared/ipc/sync-error-reasons'
import { z } from 'zod'
import type { Priority, SrStatus } from '../../../../shared/domain'
import type { PriorityMap } from '../../../../shared/servicenow-priority-map'
import type { StateMap } from '../../../../shared/servicenow-state-map'
import type { SrInput } from '../../db/repositories/service-requests'

/**
 * Fields of the incident table that other task tables (problem, sc_req_item, …) lack. ServiceNow
 * silently leaves a field the table does not have out of its answer, so these read as empty when
 * absent; every other field we ask for is on `task` itself and its absence is an error (usually an
 * ACL on the field).
 */
export const INCIDENT_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'caller_id',
  'category',
  'reopen_count',
  'resolved_at',
])

/** The incident fields we ask for (sysparm_fields) — only what the mapping reads. */
export const INCIDENT_FIELDS = [
  'sys_id',
  'number',
  'short_description',
  'state',
  'priority',
  'category',
  'company',
  'caller_id',
  'assigned_to',
  'opened_at',
  'resolved_at',
  'closed_at',
  'sys_created_on',
  'sys_updated_on',
  'reassignment_count',
  'reopen_count',
] as const

export const STATE_MAP: Readonly<Record<string, SrStatus>> = {
  '1': 'OPEN',
  '2': 'IN_PROGRESS',
  '3': 'PENDING',
  '6': 'RESOLVED',
  '7': 'DONE',
  '8': 'CANCELLED',
}

// ServiceNow has five priorities, we have four: 5 (Planning) is the least urgent, so it joins P4.
export const PRIORITY_MAP: Readonly<Record<string, Priority>> = {
  '1': 'P1',
  '2': 'P2',
  '3': 'P3',
  '4': 'P4',
  '5': 'P4',
}

/** Tenant for incidents without a company (common on real instances; refusing them would block syncs). */
export const NO_COMPANY_TENANT = '(no company)'

/** One field under sysparm_display_value=all (reference links excluded: sysparm_exclude_reference_link). */
export const fieldSchema = z.object({ value: z.string(), display_value: z.string() })
export type SnField = z.infer<typeof fieldSchema>

/** Loose on purpose: each field is checked by mapIncident so its error can name the record and field. */
export const tableResponseSchema = z.object({
  result: z.array(z.record(z.string(), z.unknown())),
})

/**
 * What went wrong with one record, naming it so an operator can find it on the instance. `state` /
 * `priority` is set for a state or priority code no map knows (with its label), so the page's error
 * can say how to map it; a record with both unknown has both (its `field` and `message` are the
 * state's).
 */
export type RowError = {
  sysId: string
  number: string | null
  field: string
  message: string
  /** The same as `message`, as a code and params the app words in its language. */
  problem: { code: ServiceNowRowProblemCode; params?: Record<string, string> }
  state?: UnmappedCode
  priority?: UnmappedCode
}

/** A code of a mapped field (state, priority) that no map knows, with its label on the instance. */
export type UnmappedCode = { code: string; label: string }

export type MapOptions = {
  /** The source's own state codes, consulted before STATE_MAP. */
  stateMap?: StateMap | undefined
  /** The source's own priority codes, consulted before PRIORITY_MAP. */
  priorityMap?: PriorityMap | undefined
}

export type MapResult = { ok: true; row: SrInput } | { ok: false; error: RowError }

const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * Parses ServiceNow's internal date-time value 'YYYY-MM-DD HH:mm:ss', which is always UTC (the display
 * value is in the user's zone, which is why we never read it). Returns null for anything else.
 */
export function parseSnDateTime(text: string): number | null {
  const m = UTC_DATE_TIME.exec(text)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls over (Feb 30 → Mar 2); a rolled-over value is not what the server meant.
  const d = new Date(ms)
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null
  return ms
}

/** Formats an instant the way ServiceNow stores it (UTC, second precision), for encoded queries. */
export function formatSnDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** An incident-only field on a table without it: empty, so it maps to null or 0. */
const ABSENT: SnField = { value: '', display_value: '' }

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly problem: RowError['problem'],
    readonly unmapped: Pick<RowError, 'state' | 'priority'> = {},
  ) {
    super(message)
  }
}

/** Maps one incident record (display_value=all form) to an SrInput for source `source`. */
export function mapIncident(
  record: Record<string, unknown>,
  source: string,
  opts: MapOptions = {},
): MapResult {
  const idField = fieldSchema.safeParse(record['sys_id'])
  const sysId = idField.success ? idField.data.value : ''
  const numberField = fieldSchema.safeParse(record['number'])
  const number = numberField.success && numberField.data.value !== '' ? numberField.data.value : null
  if (sysId === '')
    return {
      ok: false,
      error: {
        sysId: '(missing)',
        number,
        field: 'sys_id',
        message: 'the record has no sys_id',
        problem: { code: 'no_sys_id' },
      },
    }

  const field = (name: string): SnField => {
    if (record[name] === undefined && INCIDENT_ONLY_FIELDS.has(name)) return ABSENT
    const parsed = fieldSchema.safeParse(record[name])
    if (!parsed.success)
      throw record[name] === undefined
        ? new FieldError(name, 'the field is missing (is it readable by the integration user?)', {
            code: 'field_missing',
          })
        : new FieldError(name, 'expected { value, display_value } strings (sysparm_display_value=all)', {
            code: 'field_not_pair',
          })
    return parsed.data
  }
  const required = (name: string): string => {
    const v = field(name).value
    if (v === '') throw new FieldError(name, 'the field is empty', { code: 'field_empty' })
    return v
  }
  const name = (f: string): string | null => {
    const { display_value } = field(f)
    return display_value === '' ? null : display_value
  }
  const instant = (f: string, optional: boolean): number | null => {
    const v = field(f).value
    if (v === '') {
      if (optional) return null
      throw new FieldError(f, 'the field is empty', { code: 'field_empty' })
    }
    const ms = parseSnDateTime(v)
    if (ms === null)
      throw new FieldError(f, `"${v}" is not a UTC date-time 'YYYY-MM-DD HH:mm:ss'`, {
        code: 'not_date_time',
        params: { value: v },
      })
    return ms
  }
  const count = (f: string): number => {
    const v = field(f).value
    if (v === '') return 0
    if (!/^\d+$/.test(v))
      throw new FieldError(f, `"${v}" is not a whole number`, {
        code: 'not_whole_number',
        params: { value: v },
      })
    return Number(v)
  }

  /** A choice field's canonical value: the source's own map first, then the built-in one. */
  const mapped = <V extends string>(
    f: 'state' | 'priority',
    own: Readonly<Record<string, V>> | undefined,
    builtIn: Readonly<Record<string, V>>,
  ): V => {
    const value = required(f)
    const found = ownCode(own, value) ?? ownCode(builtIn, value)
    if (found) return found
    const label = field(f).display_value
    const known = [...new Set([...Object.keys(own ?? {}), ...Object.keys(builtIn)])].join(', ')
    throw new FieldError(
      f,
      `unknown ${f} "${value}" (${label || 'no label'}); mapped: ${known}`,
      { code: f === 'state' ? 'unknown_state' : 'unknown_priority', params: { value, label, mapped: known } },
      { [f]: { code: value, label } },
    )
  }
  /** mapped(), with the error returned instead of thrown. */
  const tried = <V extends string>(map: () => V): V | FieldError => {
    try {
      return map()
    } catch (err) {
      if (err instanceof FieldError) return err
      throw err
    }
  }

  try {
    // Both codes are checked before either refuses the record, so one sync names every code to map.
    const status = tried(() => mapped('state', opts.stateMap, STATE_MAP))
    const priority = tried(() => mapped('priority', opts.priorityMap, PRIORITY_MAP))
    if (status instanceof FieldError) {
      const both = { ...status.unmapped, ...(priority instanceof FieldError ? priority.unmapped : {}) }
      throw new FieldError(status.field, status.message, status.problem, both)
    }
    if (priority instanceof FieldError) throw priority
    const updatedAt = instant('sys_updated_on', false) as number
    // opened_at is set by the incident form; records created by imports or scripts may lack it.
    const createdAt = instant('opened_at', true) ?? (instant('sys_created_on', false) as number)
    const row: SrInput = {
      source,
      sourceId: sysId,
      number,
      tenant: name('company') ?? NO_COMPANY_TENANT,
      title: field('short_description').value,
      category: name('category'),
      priority,
      status,
      requester: name('caller_id'),
      assignee: name('assigned_to'),
      createdAt,
      // The incident table has no first-response field; left null (SLA metrics use events or nothing).
      firstResponseAt: null,
      resolvedAt: instant('resolved_at', true),
      closedAt: instant('closed_at', true),
      updatedAt,
      reassignmentCount: count('reassignment_count'),
      reopenCount: count('reopen_count'),
      raw: record,
    }
    return { ok: true, row }
  } catch (err) {
    if (err instanceof FieldError)
      return {
        ok: false,
        error: {
          sysId,
          number,
          field: err.field,
          message: err.message,
          problem: err.problem,
          ...err.unmapped,
        },
      }
    throw err
  }
}

/** What a map says a code means (own properties only: "constructor" is no state or priority). */
function ownCode<V>(map: Readonly<Record<string, V>> | undefined, code: string): V | undefined {
  return map && Object.hasOwn(map, code) ? map[code] : undefined
}

/** One line per bad record, for the error a failed page raises. */
export function describeRowError(e: RowError): string {
  return `record ${e.sysId}${e.number ? ` (${e.number})` : ''}, field ${e.field}: ${e.message}`
}

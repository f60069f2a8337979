// Turns one raw record into an SrInput, or into every problem it has (one error per bad cell, so a
// user fixes a row once). File-wide checks (duplicates) are in import.ts.
import { PRIORITIES, SR_STATUSES, type Priority, type SrStatus } from '../../../../shared/domain'
import type { SrInput } from '../../db/repositories/service-requests'
import { parseCellInstant } from './dates'
import { DAMAGED_TEXT } from './decode'
import type { CanonicalColumn, ColumnIndex, ColumnMapping } from './mapping'
import {
  CellProblem,
  type Cell,
  type ImportEncoding,
  type ImportFormat,
  type RawRow,
  type RowError,
  type RowErrorReason,
} from './types'

// Values seen in Korean ITSM exports and other tools, after normalizeValue. A mapping file's
// `values` take precedence over these.
const STATUS_ALIASES: Record<string, SrStatus> = {
  NEW: 'OPEN',
  접수: 'OPEN',
  신규: 'OPEN',
  등록: 'OPEN',
  요청: 'OPEN',
  진행: 'IN_PROGRESS',
  진행중: 'IN_PROGRESS',
  처리중: 'IN_PROGRESS',
  ON_HOLD: 'PENDING',
  보류: 'PENDING',
  대기: 'PENDING',
  해결: 'RESOLVED',
  처리완료: 'RESOLVED',
  CLOSED: 'DONE',
  완료: 'DONE',
  종료: 'DONE',
  CANCELED: 'CANCELLED',
  취소: 'CANCELLED',
}
const PRIORITY_ALIASES: Record<string, Priority> = {
  '1': 'P1',
  '2': 'P2',
  '3': 'P3',
  '4': 'P4',
  '5': 'P4',
  CRITICAL: 'P1',
  HIGH: 'P2',
  MEDIUM: 'P3',
  LOW: 'P4',
  긴급: 'P1',
  높음: 'P2',
  보통: 'P3',
  낮음: 'P4',
  // A ServiceNow list export shows priorities as "1 - Critical" … "5 - Planning" (normalized below);
  // 5 is P4, as the ServiceNow connector maps it.
  '1_CRITICAL': 'P1',
  '2_HIGH': 'P2',
  '3_MODERATE': 'P3',
  '4_LOW': 'P4',
  '5_PLANNING': 'P4',
}

/** Statuses that mean the SR is finished: resolved-like, or cancelled. */
const FINISHED: ReadonlySet<SrStatus> = new Set<SrStatus>(['RESOLVED', 'DONE', 'CANCELLED'])

/** Everything the validator needs that is fixed for the whole file. */
export type RowContext = {
  source: string
  format: ImportFormat
  headers: readonly string[]
  columns: ColumnIndex
  wallToEpoch: (wallMs: number) => number
  /** XLSX: plain serial numbers count from 1904 (see Table.date1904). */
  date1904: boolean
  statusValues: ReadonlyMap<string, SrStatus>
  priorityValues: ReadonlyMap<string, Priority>
  /** The row error for a cell holding U+FFFD or a C1 control (see damagedTextError). */
  damagedText: { message: string; reason: RowErrorReason }
}

/**
 * What to tell about a cell with U+FFFD or a C1 control: bytes the file's encoding could not
 * decode, or (in an otherwise clean file) characters left by an earlier wrong conversion.
 */
export function damagedTextError(
  encoding: ImportEncoding,
  invalidBytes: { count: number; firstAt: number | null } | undefined,
): { message: string; reason: RowErrorReason } {
  const n = invalidBytes?.count ?? 0
  if (n > 0 && encoding !== 'binary') {
    const name = encoding === 'cp949' ? 'CP949' : 'UTF-8'
    const firstAt = invalidBytes?.firstAt ?? null
    const where = firstAt !== null ? `, the first at byte ${firstAt.toLocaleString('en-US')}` : ''
    const seqs = `${n.toLocaleString('en-US')} undecodable byte sequence${n === 1 ? '' : 's'}`
    return {
      message:
        `not valid ${name} text: � marks bytes that could not be read (the file has ${seqs}${where}); ` +
        'fix the value in the file or save it again as CSV UTF-8',
      reason:
        firstAt !== null
          ? { code: 'undecodable_text_at', params: { encoding: name, count: n, firstAt } }
          : { code: 'undecodable_text', params: { encoding: name, count: n } },
    }
  }
  return {
    message:
      'contains � or control characters (U+0080–U+009F) left by a wrong text conversion; ' +
      'fix the value in the file',
    reason: { code: 'damaged_text' },
  }
}

export type RowOutcome =
  { kind: 'blank' } | { kind: 'ok'; sr: SrInput } | { kind: 'error'; errors: RowError[] }

function normalizeValue(v: string): string {
  return v
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
}

/** Value translation tables: built-in aliases overlaid with the mapping's `values`. */
export function valueMaps(mapping: ColumnMapping | undefined): {
  statusValues: Map<string, SrStatus>
  priorityValues: Map<string, Priority>
} {
  const statusValues = new Map<string, SrStatus>(SR_STATUSES.map((s) => [s, s]))
  for (const [k, v] of Object.entries(STATUS_ALIASES)) statusValues.set(k, v)
  for (const [k, v] of Object.entries(mapping?.values.status ?? {})) statusValues.set(normalizeValue(k), v)
  const priorityValues = new Map<string, Priority>(PRIORITIES.map((p) => [p, p]))
  for (const [k, v] of Object.entries(PRIORITY_ALIASES)) priorityValues.set(k, v)
  for (const [k, v] of Object.entries(mapping?.values.priority ?? {}))
    priorityValues.set(normalizeValue(k), v)
  return { statusValues, priorityValues }
}

/**
 * The file's row validator: validates one record at a time against the file's columns. Its helpers
 * are made once per file, not once per row (an import validates millions of rows).
 */
export function createRowValidator(ctx: RowContext): (raw: RawRow) => RowOutcome {
  // The record being validated.
  let cells: readonly Cell[] = []
  let row = 0
  let errors: RowError[] = []

  const headerOf = (c: CanonicalColumn): string => {
    const i = ctx.columns[c]
    return i === undefined ? c : (ctx.headers[i] ?? c)
  }
  const cellOf = (c: CanonicalColumn): Cell => {
    const i = ctx.columns[c]
    return i === undefined ? null : (cells[i] ?? null)
  }
  const fail = (c: CanonicalColumn, message: string, reason: RowErrorReason): void => {
    errors.push({
      row,
      column: headerOf(c),
      value: display(cellOf(c)),
      message: `${c}: ${message}`,
      reason: { code: reason.code, params: { column: c, ...reason.params } },
    })
  }
  const required = (c: CanonicalColumn): void => fail(c, 'is required', { code: 'required' })
  const text = (c: CanonicalColumn, isRequired: boolean): string | null => {
    const v = cellOf(c)
    if (v instanceof CellProblem) {
      fail(c, v.message, v.reason)
      return null
    }
    const s = v === null ? '' : v instanceof Date ? v.toISOString() : String(v).trim()
    if (s === '') {
      if (isRequired) required(c)
      return null
    }
    return s
  }
  const instant = (c: CanonicalColumn, isRequired: boolean): number | null => {
    const r = parseCellInstant(cellOf(c), ctx.format, ctx.wallToEpoch, ctx.date1904)
    if ('error' in r) {
      fail(c, r.error, r.reason)
      return null
    }
    if (r.value === null && isRequired) required(c)
    return r.value
  }
  const count = (c: CanonicalColumn): number | undefined => {
    const v = cellOf(c)
    if (v === null || (typeof v === 'string' && v.trim() === '')) return undefined
    if (v instanceof CellProblem) {
      fail(c, v.message, v.reason)
      return undefined
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN
    if (!Number.isInteger(n)) fail(c, 'must be a whole number', { code: 'not_whole_number' })
    else if (n < 0) fail(c, 'must not be negative', { code: 'negative' })
    else return n
    return undefined
  }
  /** A required value the file may spell its own way, through the file's translation table. */
  const translated = <T extends string>(
    c: 'priority' | 'status',
    values: ReadonlyMap<string, T>,
    known: readonly T[],
  ): T | undefined => {
    const s = text(c, true)
    if (s === null) return undefined
    const key = normalizeValue(s)
    // Korean spells these words with a space or without ("진행 중" is the standard spelling, "진행중"
    // the common one): a key not found as written is also looked up without its spaces.
    const v = values.get(key) ?? values.get(key.replace(/_/g, ''))
    if (!v) {
      const expected = known.join(', ')
      fail(c, `unknown ${c}; expected ${expected} (or map it in the mapping's values.${c})`, {
        code: 'unknown_value',
        params: { expected },
      })
    }
    return v
  }
  const notBefore = (c: CanonicalColumn, v: number | null, createdAt: number): void => {
    if (v !== null && v < createdAt) fail(c, 'is before created_at', { code: 'before_created' })
  }

  return (raw) => {
    cells = raw.cells
    row = raw.row
    errors = []
    if (raw.problem !== undefined) {
      const { message, reason } = raw.problem
      return { kind: 'error', errors: [{ row, column: '', value: '', message, reason }] }
    }
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return { kind: 'blank' }
    // Every cell, mapped or not (the raw record keeps them all): damaged text is never stored.
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]
      if (typeof c === 'string' && DAMAGED_TEXT.test(c)) {
        errors.push({ row, column: ctx.headers[i] ?? '', value: c, ...ctx.damagedText })
      }
    }
    const extra = cells.slice(ctx.headers.length).filter((c) => c !== null && display(c).trim() !== '')
    if (extra.length > 0) {
      errors.push({
        row,
        column: '',
        value: extra.map(display).join(' | '),
        message: `row has ${cells.length} fields but the header has ${ctx.headers.length} (an unquoted delimiter?)`,
        reason: { code: 'extra_fields', params: { fields: cells.length, headers: ctx.headers.length } },
      })
    }
    const id = text('id', true)
    const tenant = text('tenant', true)
    const title = text('title', true)
    const category = text('category', false)
    const requester = text('requester', false)
    const assignee = text('assignee', false)
    const priority = translated('priority', ctx.priorityValues, PRIORITIES)
    const status = translated('status', ctx.statusValues, SR_STATUSES)
    const createdAt = instant('created_at', true)
    const firstResponseAt = instant('first_response_at', false)
    const resolvedAt = instant('resolved_at', false)
    const closedAt = instant('closed_at', false)
    const updatedGiven = instant('updated_at', false)
    const reassignmentCount = count('reassignment_count')
    const reopenCount = count('reopen_count')
    if (createdAt !== null) {
      notBefore('first_response_at', firstResponseAt, createdAt)
      notBefore('resolved_at', resolvedAt, createdAt)
      notBefore('closed_at', closedAt, createdAt)
      notBefore('updated_at', updatedGiven, createdAt)
    }
    // A finished SR needs a time it finished (SPEC §2: resolved_at, else closed_at, else updated_at):
    // with none of them in the file, updated_at would default to created_at below and the store
    // would derive a resolution at creation (MTTR 0, SLA met) that no one recorded.
    if (status && FINISHED.has(status) && resolvedAt === null && closedAt === null && updatedGiven === null) {
      const [column, what] =
        status === 'CANCELLED'
          ? (['closed_at', 'cancelled'] as const)
          : (['resolved_at', 'resolved'] as const)
      const unmapped = ctx.columns[column] === undefined
      errors.push({
        row,
        column: headerOf(column),
        value: '',
        message:
          `${column}: status ${status} but no resolved_at, closed_at or updated_at, so when it was ${what} ` +
          `is unknown; ${unmapped ? 'map the column that holds it' : 'fill it'}`,
        reason: {
          code: unmapped ? 'finished_time_unmapped' : 'finished_time_blank',
          params: { column, status },
        },
      })
    }
    if (errors.length > 0 || !id || !tenant || !title || !priority || !status || createdAt === null) {
      return { kind: 'error', errors }
    }
    // No updated_at column or cell: the latest instant the row knows, so the staleness check of the
    // upsert (keep the newer row) still has something meaningful to compare.
    const updatedAt =
      updatedGiven ?? Math.max(createdAt, firstResponseAt ?? 0, resolvedAt ?? 0, closedAt ?? 0)
    const rawRecord: Record<string, string | number | boolean | null> = {}
    for (let i = 0; i < ctx.headers.length; i++) {
      const h = ctx.headers[i]
      const v = cells[i] ?? null
      if (h) rawRecord[h] = v instanceof Date || v instanceof CellProblem ? display(v) : v
    }
    return {
      kind: 'ok',
      sr: {
        source: ctx.source,
        sourceId: id,
        number: id,
        tenant,
        title,
        category,
        priority,
        status,
        requester,
        assignee,
        createdAt,
        firstResponseAt,
        resolvedAt,
        closedAt,
        updatedAt,
        ...(reassignmentCount !== undefined ? { reassignmentCount } : {}),
        ...(reopenCount !== undefined ? { reopenCount } : {}),
        raw: JSON.stringify(rawRecord),
      },
    }
  }
}

/** Whether `e` is a status or priority value no translation knows (the import wizard offers to map it). */
export function isUnknownValueError(e: RowError, c: 'priority' | 'status'): boolean {
  return e.reason.code === 'unknown_value' && e.reason.params?.column === c
}

/** A cell as text: what a row error shows and what the id check compares. */
export function display(c: Cell): string {
  if (c === null) return ''
  if (c instanceof CellProblem) return c.shown
  return c instanceof Date ? c.toISOString() : String(c)
}

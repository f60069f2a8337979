// JSON import: an array of objects, or { items: [...] } as the ITSM REST protocol pages look, or
// { result: [...] } / { records: [...] } as ServiceNow's Table API and its list export write them, or
// JSON Lines (one object per line, as log and data tools export).
// JSON.parse needs the whole text, so the size cap (checked before reading) bounds memory here.
import { readFile } from 'node:fs/promises'
import { CoreError, reason } from '../../errors'
import { decodeBytes, detectEncoding } from './decode'
import { checkText } from './detect'
import type { Cell, ImportLimits, RawRow, Table } from './types'

/** Opens a JSON file; headers are the union of the objects' keys in first-seen order. */
export async function readJson(path: string, head: Buffer, limits: ImportLimits): Promise<Table> {
  const { encoding, invalid, firstInvalidAt } = await detectEncoding(path, head)
  const text = decodeBytes(await readFile(path), encoding)
  checkText(text.slice(0, 65_536), 'json')
  let json: unknown
  // JSON Lines: each record's line in the file, for its row number.
  let lineOf: number[] | null = null
  try {
    json = JSON.parse(text)
  } catch (err) {
    const parsed = jsonLines(text)
    json = parsed?.records
    lineOf = parsed?.lines ?? null
    if (!parsed) {
      const detail = (err as Error).message
      throw new CoreError(
        'BAD_REQUEST',
        `The file is not valid JSON: ${detail}`,
        reason('json_invalid', { detail }),
      )
    }
  }
  const items = Array.isArray(json) ? json : isObject(json) ? listIn(json) : null
  if (items === null) {
    throw new CoreError(
      'BAD_REQUEST',
      'The JSON file must be an array of objects, { "items": [ ... ] } (or "result", "records"), or one object per line',
      reason('json_not_list'),
    )
  }
  if (items.length === 0)
    throw new CoreError('BAD_REQUEST', 'The JSON file has no records', reason('json_no_records'))
  if (items.length > limits.maxRows) {
    throw new CoreError(
      'BAD_REQUEST',
      `The file has more than ${limits.maxRows.toLocaleString('en-US')} records: split it into smaller files`,
      reason('too_many_records', { limit: limits.maxRows }),
    )
  }
  const list: readonly unknown[] = items
  const headerIndex = new Map<string, number>()
  for (const item of list) {
    if (!isObject(item)) continue
    for (const key of Object.keys(item)) if (!headerIndex.has(key)) headerIndex.set(key, headerIndex.size)
  }
  if (headerIndex.size === 0)
    throw new CoreError(
      'BAD_REQUEST',
      'The JSON records are not objects with fields',
      reason('json_no_fields'),
    )
  const headers = [...headerIndex.keys()]
  async function* rows(): AsyncGenerator<RawRow> {
    // Record i is "row i + 2" so messages read the same as for a spreadsheet of the same data; in
    // JSON Lines, its line.
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i]
      const row = lineOf?.[i] ?? i + 2
      yield isObject(item)
        ? { row, cells: headers.map((h) => toCell(item[h])) }
        : {
            row,
            cells: [],
            problem: { message: 'record is not a JSON object', reason: { code: 'not_json_object' } },
          }
    }
  }
  return {
    format: 'json',
    encoding,
    headers,
    rows: rows(),
    invalidBytes: { count: invalid, firstAt: firstInvalidAt },
  }
}

function toCell(v: unknown): Cell {
  if (v === undefined || v === null) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  return JSON.stringify(v)
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The keys a wrapper object may hold its records under: ours, ServiceNow's Table API, its export. */
const LIST_KEYS = ['items', 'result', 'records'] as const

function listIn(json: Record<string, unknown>): unknown[] | null {
  for (const key of LIST_KEYS) {
    const value = json[key]
    if (Array.isArray(value)) return value
  }
  return null
}

/**
 * JSON Lines: every non-blank line one JSON object (two at least, or it would have parsed as JSON),
 * with each one's line number. Null when any line is not an object: the caller reports the file's
 * JSON error.
 */
function jsonLines(text: string): { records: unknown[]; lines: number[] } | null {
  const records: unknown[] = []
  const lines: number[] = []
  const all = text.split(/\r?\n/)
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? ''
    if (line.trim() === '') continue
    try {
      const value: unknown = JSON.parse(line)
      if (!isObject(value)) return null
      records.push(value)
      lines.push(i + 1)
    } catch {
      return null
    }
  }
  return records.length >= 2 ? { records, lines } : null
}

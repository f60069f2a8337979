// JSON import: an array of objects, or { items: [...] } as the ITSM REST protocol pages look.
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
  try {
    json = JSON.parse(text)
  } catch (err) {
    const detail = (err as Error).message
    throw new CoreError(
      'BAD_REQUEST',
      `The file is not valid JSON: ${detail}`,
      reason('json_invalid', { detail }),
    )
  }
  const items = Array.isArray(json)
    ? json
    : isObject(json) && Array.isArray(json['items'])
      ? (json['items'] as unknown[])
      : null
  if (items === null) {
    throw new CoreError(
      'BAD_REQUEST',
      'The JSON file must be an array of objects or { "items": [ ... ] }',
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
    // Record i is "row i + 2" so messages read the same as for a spreadsheet of the same data.
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i]
      yield isObject(item)
        ? { row: i + 2, cells: headers.map((h) => toCell(item[h])) }
        : {
            row: i + 2,
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

// Which file column feeds which canonical column (SPEC §10): canonical names and Korean aliases are
// recognised automatically; anything else comes from a mapping file the user writes or the wizard builds.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import { isValidTimeZone, PRIORITIES, SR_STATUSES } from '../../../../shared/domain'
import { CoreError, reason } from '../../errors'

export const CANONICAL_COLUMNS = [
  'id',
  'tenant',
  'title',
  'category',
  'priority',
  'status',
  'requester',
  'assignee',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'updated_at',
  'reassignment_count',
  'reopen_count',
] as const
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number]

export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = [
  'id',
  'tenant',
  'title',
  'priority',
  'status',
  'created_at',
]

// Header spellings seen in Korean institutions' ITSM exports, and the field names of a ServiceNow
// incident list exported as CSV or Excel (number, short_description, caller_id, company, state,
// opened_at, sys_updated_on). Compared after normalizeHeader.
const ALIASES: Record<CanonicalColumn, readonly string[]> = {
  id: ['번호', '요청번호', '티켓번호', 'sr번호', 'ticket', 'ticket_no', 'number', 'sr_id'],
  tenant: ['기관', '기관명', '고객사', 'institution', 'company'],
  title: ['제목', '요청제목', 'subject', 'summary', 'short_description'],
  category: ['분류', '카테고리', '유형'],
  priority: ['우선순위', '중요도'],
  status: ['상태', '처리상태', 'state'],
  requester: ['요청자', '요청인', 'requested_by', 'caller_id', 'caller'],
  assignee: ['담당자', '처리자', 'assigned_to'],
  created_at: ['생성일시', '등록일시', '요청일시', '접수일시', 'created', 'opened_at'],
  first_response_at: ['최초응답일시', '첫응답일시', '응답일시'],
  resolved_at: ['해결일시', '처리완료일시', 'resolved'],
  closed_at: ['종료일시', '완료일시', 'closed'],
  updated_at: ['수정일시', '변경일시', '최종수정일시', 'updated', 'sys_updated_on'],
  reassignment_count: ['재할당횟수', '재배정횟수'],
  reopen_count: ['재오픈횟수', '재요청횟수'],
}

/**
 * Header comparison key: without invisible characters (zero-width spaces and joiners, word joiners,
 * BOMs: text copied from a web page or a document into a header cell brings them along, and they
 * make "id" a different header than it looks), trimmed, lower-case, spaces and hyphens as underscores.
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

/**
 * Every header a file's header row may hold, as normalizeHeader keys: the canonical names, their
 * aliases, and the file columns `mapping` names (a file with headers of its own and a mapping for
 * them). The readers look for the header row among a file's first rows by these (see header-row.ts).
 */
export function knownHeaders(mapping?: Pick<ColumnMapping, 'columns'>): Set<string> {
  const known = new Set<string>()
  for (const column of CANONICAL_COLUMNS) {
    for (const name of [column, ...ALIASES[column]]) known.add(normalizeHeader(name))
  }
  for (const header of Object.values(mapping?.columns ?? {})) {
    if (typeof header === 'string' && normalizeHeader(header)) known.add(normalizeHeader(header))
  }
  return known
}

const statusSchema = z.enum(SR_STATUSES)
const prioritySchema = z.enum(PRIORITIES)

export const columnMappingSchema = z
  .object({
    // null: the file has a column that looks like this one (e.g. 유형 → category) but it is not to be read.
    columns: z.partialRecord(z.enum(CANONICAL_COLUMNS), z.string().trim().min(1).nullable()).default({}),
    values: z
      .object({
        status: z.record(z.string(), statusSchema).optional(),
        priority: z.record(z.string(), prioritySchema).optional(),
      })
      .strict()
      .default({}),
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Asia/Seoul)' })
      .optional(),
    sheet: z.string().min(1).optional(),
    /** CSV/XLSX: the header's row number, as the file counts its rows (the rows above are a title). */
    headerRow: z
      .number()
      .int({ message: 'a row number (1 or more), as the file counts its rows' })
      .min(1, { message: 'a row number (1 or more), as the file counts its rows' })
      .optional(),
  })
  .strict()

/** A column mapping: canonical column → file header, value translations, the file's time zone. */
export type ColumnMapping = z.infer<typeof columnMappingSchema>

/**
 * Validates a mapping object (from a file or the import wizard); throws a BAD_REQUEST listing every
 * problem. `file`: the mapping file it was read from.
 */
export function parseMapping(value: unknown, origin = 'column mapping', file?: string): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  const why = file
    ? reason('mapping_file_invalid', { file: basename(file), problems: problems.join('; ') })
    : reason('mapping_invalid', { problems: problems.join('; ') })
  throw new CoreError('BAD_REQUEST', `Invalid ${origin}:\n  ${problems.join('\n  ')}`, why)
}

/** Reads and validates a mapping JSON file. */
export async function loadMapping(path: string): Promise<ColumnMapping> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const detail = (err as Error).message
    throw new CoreError(
      'BAD_REQUEST',
      `Cannot read mapping file ${path}: ${detail}`,
      reason('mapping_file_unreadable', { file: basename(path), detail }),
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    const detail = (err as Error).message
    throw new CoreError(
      'BAD_REQUEST',
      `Mapping file ${path} is not valid JSON: ${detail}`,
      reason('mapping_file_not_json', { file: basename(path), detail }),
    )
  }
  return parseMapping(json, `mapping file ${path}`, path)
}

/** A column as a spreadsheet names it (0 → A, 26 → AA). */
function columnName(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** Canonical column → index of the file column feeding it (absent = not in the file). */
export type ColumnIndex = Partial<Record<CanonicalColumn, number>>

/**
 * Fills `index` with the columns found by canonical name or alias, skipping headers already used and
 * the columns in `skip` (mapped to null: not to be read).
 */
function autoMatch(
  byKey: Map<string, number>,
  index: ColumnIndex,
  skip: ReadonlySet<CanonicalColumn> = new Set(),
): ColumnIndex {
  const used = new Set(Object.values(index))
  for (const column of CANONICAL_COLUMNS) {
    if (index[column] !== undefined || skip.has(column)) continue
    for (const key of [column, ...ALIASES[column]]) {
      const i = byKey.get(normalizeHeader(key))
      if (i !== undefined && !used.has(i)) {
        index[column] = i
        used.add(i)
        break
      }
    }
  }
  return index
}

/** The columns matched automatically (canonical names, Korean aliases), without requiring any: the import wizard's suggestion. */
export function suggestColumns(headers: readonly string[]): ColumnIndex {
  const byKey = new Map<string, number>()
  headers.forEach((h, i) => {
    const key = normalizeHeader(h)
    if (key && !byKey.has(key)) byKey.set(key, i)
  })
  return autoMatch(byKey, {})
}

/**
 * Matches headers to canonical columns: explicit mapping first, then canonical names, then aliases.
 * Throws when a mapped header is missing or a required column is not found, naming the headers seen.
 */
export function resolveColumns(headers: readonly string[], mapping: ColumnMapping | undefined): ColumnIndex {
  const byKey = new Map<string, number>()
  headers.forEach((h, i) => {
    const key = normalizeHeader(h)
    // The first of two equal headers wins, as a spreadsheet lookup would.
    if (key && !byKey.has(key)) byKey.set(key, i)
  })
  const quoted = headers.map((h) => JSON.stringify(h)).join(', ')
  const found = `Headers found: ${quoted || '(none)'}`
  const index: ColumnIndex = {}
  const missingMapped: string[] = []
  const skip = new Set<CanonicalColumn>()
  for (const [column, header] of Object.entries(mapping?.columns ?? {})) {
    if (header === null) {
      if (REQUIRED_COLUMNS.includes(column as CanonicalColumn))
        throw new CoreError(
          'BAD_REQUEST',
          `${column} is required: map it to one of the file's columns`,
          reason('required_column_unmapped', { column }),
        )
      skip.add(column as CanonicalColumn)
      continue
    }
    const i = byKey.get(normalizeHeader(header))
    if (i === undefined) missingMapped.push(`${column} → "${header}"`)
    else index[column as CanonicalColumn] = i
  }
  if (missingMapped.length > 0) {
    throw new CoreError(
      'BAD_REQUEST',
      `The mapping names columns the file does not have: ${missingMapped.join(', ')}. ${found}`,
      reason('mapped_columns_missing', { columns: missingMapped.join(', '), headers: quoted || '—' }),
    )
  }
  autoMatch(byKey, index, skip)
  // Two columns under one name: the first would be read and the other silently ignored.
  const positions = new Map<string, number[]>()
  headers.forEach((h, i) => {
    const key = normalizeHeader(h)
    if (key) positions.set(key, [...(positions.get(key) ?? []), i])
  })
  const ambiguous: string[] = []
  // The same, without English words: "상태" (C, F).
  const repeated: string[] = []
  for (const i of Object.values(index)) {
    const same = positions.get(normalizeHeader(headers[i] ?? '')) ?? []
    if (same.length > 1) {
      const letters = same.map((k) => columnName(k)).join(', ')
      ambiguous.push(`"${headers[i]}" (columns ${letters})`)
      repeated.push(`"${headers[i]}" (${letters})`)
    }
  }
  if (ambiguous.length > 0) {
    throw new CoreError(
      'BAD_REQUEST',
      `The file has more than one column named ${ambiguous.join(', ')}: rename or delete the extra ` +
        'ones so it is clear which to read',
      reason('duplicate_headers', { headers: repeated.join(', ') }),
    )
  }
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined)
  if (missing.length > 0) {
    throw new CoreError(
      'BAD_REQUEST',
      `Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ${found}. ` +
        'Rename the headers or give a column mapping.',
      reason('required_columns_missing', { columns: missing.join(', '), headers: quoted || '—' }),
    )
  }
  return index
}

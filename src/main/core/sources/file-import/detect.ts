// Decides the format of a file to import and refuses, with a clear message, files that cannot be
// one: missing, empty, over the size cap, or binary where text is expected.
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { CoreError, reason } from '../../errors'
import { IMPORT_FORMATS, type ImportFormat, type ImportLimits } from './types'

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
}

/** The extensions an import is told its format by, without the dot (the open dialog's filter). */
export const IMPORT_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS).map((e) => e.slice(1))

/** The format named by `explicit` (as --format gives it) or, failing that, by the file extension. */
export function detectFormat(path: string, explicit?: string): ImportFormat {
  if (explicit) {
    const f = explicit.toLowerCase()
    if ((IMPORT_FORMATS as readonly string[]).includes(f)) return f as ImportFormat
    throw new CoreError(
      'BAD_REQUEST',
      `Unknown format "${explicit}": use ${IMPORT_FORMATS.join(', ')}`,
      reason('unknown_format', { format: explicit }),
    )
  }
  const ext = extname(path).toLowerCase()
  const format = EXTENSIONS[ext]
  if (format) return format
  if (ext === '.xls') {
    throw new CoreError(
      'BAD_REQUEST',
      'Old Excel .xls files are not supported: save the sheet as .xlsx or CSV',
      reason('xls_file'),
    )
  }
  throw new CoreError(
    'BAD_REQUEST',
    `Cannot tell the format of "${path}" from its extension: name it .csv, .xlsx or .json, or give --format`,
    reason('unknown_extension', { file: basename(path) }),
  )
}

/** Size in bytes; throws for a missing, non-regular, empty or oversized file. */
export async function checkFile(path: string, limits: ImportLimits): Promise<number> {
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile())
      throw new CoreError(
        'BAD_REQUEST',
        `${path} is not a file`,
        reason('not_a_file', { file: basename(path) }),
      )
    size = s.size
  } catch (err) {
    if (err instanceof CoreError) throw err
    const detail = (err as Error).message
    throw new CoreError(
      'BAD_REQUEST',
      `Cannot read ${path}: ${detail}`,
      reason('file_unreadable', { file: basename(path), detail }),
    )
  }
  if (size === 0)
    throw new CoreError(
      'BAD_REQUEST',
      `The file ${path} is empty`,
      reason('file_empty', { file: basename(path) }),
    )
  if (size > limits.maxBytes) {
    throw new CoreError(
      'BAD_REQUEST',
      `The file is ${mb(size)} MB, over the import limit of ${mb(limits.maxBytes)} MB: split it into smaller files`,
      reason('file_too_large', { file: basename(path), size: mb(size), limit: mb(limits.maxBytes) }),
    )
  }
  return size
}

/** The first `n` bytes of the file. */
export async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(n)
    const { bytesRead } = await fh.read(buf, 0, n, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

/**
 * Refuses bytes that cannot be the expected format, naming what they look like instead: an XLSX
 * saved as .csv or a renamed .xls is a common mistake, and a user deserves better than "bad CSV".
 */
export function checkMagic(head: Buffer, format: ImportFormat): void {
  const isZip = head.length >= 4 && head.readUInt32BE(0) === 0x504b0304
  const isOle = head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0
  if (format === 'xlsx') {
    if (isOle)
      throw new CoreError(
        'BAD_REQUEST',
        'This is an old Excel .xls file: save it as .xlsx or CSV',
        reason('xls_file'),
      )
    if (!isZip)
      throw new CoreError(
        'BAD_REQUEST',
        'The file is not an XLSX workbook (not a zip archive)',
        reason('not_xlsx'),
      )
    return
  }
  if (isZip)
    throw new CoreError(
      'BAD_REQUEST',
      `The file looks like an XLSX workbook, not ${format.toUpperCase()}`,
      reason('looks_like_xlsx', { format: format.toUpperCase() }),
    )
  if (isOle)
    throw new CoreError(
      'BAD_REQUEST',
      'The file is an old Excel .xls file: save it as .xlsx or CSV',
      reason('xls_file'),
    )
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CoreError(
      'BAD_REQUEST',
      'The file is UTF-16 text ("Unicode text" in Excel): save it as "CSV UTF-8" or plain CSV',
      reason('utf16_text'),
    )
  }
  if (head.includes(0)) {
    throw new CoreError(
      'BAD_REQUEST',
      `The file is binary, not ${format.toUpperCase()} text`,
      reason('binary_file', { format: format.toUpperCase() }),
    )
  }
}

/**
 * Throws when decoded text is mostly control characters or undecodable bytes: garbage, not data.
 * C1 controls (U+0080–U+009F) count as bad: no real export has them, and a decoder that misreads
 * bytes as Latin-1-like code points produces them.
 */
export function checkText(text: string, format: ImportFormat): void {
  let bad = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f)) bad++
  }
  // A few stray characters happen in real exports; 1% is far beyond that and far below garbage.
  if (text.length === 0 || bad / text.length > 0.01) {
    throw new CoreError(
      'BAD_REQUEST',
      `The file does not look like ${format.toUpperCase()} text (binary or unknown encoding)`,
      reason('not_text', { format: format.toUpperCase() }),
    )
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

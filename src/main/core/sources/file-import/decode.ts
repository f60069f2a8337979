// Text encoding of imported CSV/JSON: UTF-8 (with or without BOM) or CP949, which is what Korean
// Excel writes for "CSV (쉼표로 분리)". CP949 is decoded by iconv-lite: the WHATWG 'euc-kr'
// TextDecoder of Node's ICU knows only the 2,350 KS X 1001 syllables, not the 8,822 extended
// Hangul syllables CP949 (UHC) adds (똠, 쌰, 햏, 뷁, …), and turns those into other characters.
import { createReadStream } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import iconv from 'iconv-lite'
import type { ImportEncoding } from './types'

type TextEncoding = Exclude<ImportEncoding, 'binary'>

/**
 * The encoding chosen for a text file and how many byte sequences it cannot decode (each becomes
 * U+FFFD, which the validator reports on the rows that hold one: nothing undecodable is written).
 */
export type EncodingGuess = {
  encoding: TextEncoding
  /** Byte sequences that are not valid text in `encoding` (0 for a clean file). */
  invalid: number
  /** Byte offset of the first of them when known (UTF-8 only), else null. */
  firstInvalidAt: number | null
}

/**
 * BOM → UTF-8; otherwise the whole file is checked in a streaming pass (constant memory): valid
 * UTF-8 → UTF-8. A sniff of the head alone would misread a CP949 file whose first megabyte happens
 * to be ASCII. A file that is not entirely valid UTF-8 is decoded a second time as CP949, and the
 * encoding that leaves fewer undecodable characters (U+FFFD, and C1 controls, which no real text
 * has) wins, UTF-8 on a tie: a UTF-8 export with one damaged byte stays UTF-8 (its Korean text as
 * CP949 would be thousands of wrong or undecodable characters), while a CP949 file, in which almost
 * every Korean syllable is invalid UTF-8, stays CP949 even with a stray byte of its own.
 */
export async function detectEncoding(path: string, head: Buffer): Promise<EncodingGuess> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    const { invalid, firstInvalidAt } = await countInvalidUtf8(path)
    return { encoding: 'utf-8-bom', invalid, firstInvalidAt }
  }
  const utf8 = await countInvalidUtf8(path)
  if (utf8.invalid === 0) return { encoding: 'utf-8', ...utf8 }
  const cp949 = await countBadCp949(path)
  return cp949 < utf8.invalid
    ? { encoding: 'cp949', invalid: cp949, firstInvalidAt: null }
    : { encoding: 'utf-8', ...utf8 }
}

/** Invalid UTF-8 sequences in the file and the byte offset of the first; natively fast on valid text. */
async function countInvalidUtf8(path: string): Promise<{ invalid: number; firstInvalidAt: number | null }> {
  let carry: Buffer = Buffer.alloc(0)
  let invalid = 0
  let firstInvalidAt: number | null = null
  let offset = 0 // file offset of buf[0]
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer)
    const end = completeLength(buf)
    const part = buf.subarray(0, end)
    if (!isUtf8(part)) {
      const found = scanInvalidUtf8(part)
      invalid += found.count
      if (firstInvalidAt === null && found.first >= 0) firstInvalidAt = offset + found.first
    }
    offset += end
    carry = buf.subarray(end)
  }
  if (carry.length > 0) {
    invalid++ // the file ends inside a multi-byte sequence
    firstInvalidAt ??= offset
  }
  return { invalid, firstInvalidAt }
}

/** Counts maximal invalid UTF-8 subparts (as a decoder replaces them) and finds the first. */
export function scanInvalidUtf8(b: Buffer): { count: number; first: number } {
  let count = 0
  let first = -1
  let i = 0
  while (i < b.length) {
    const x = b[i]!
    if (x < 0x80) {
      i++
      continue
    }
    const need = x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : 0
    // The second byte's range depends on the lead (no overlongs, surrogates or code points > U+10FFFF).
    const lo = x === 0xe0 ? 0xa0 : x === 0xf0 ? 0x90 : 0x80
    const hi = x === 0xed ? 0x9f : x === 0xf4 ? 0x8f : 0xbf
    let k = 0
    if (need > 0) {
      while (k < need && i + 1 + k < b.length) {
        const y = b[i + 1 + k]!
        if (k === 0 ? y < lo || y > hi : (y & 0xc0) !== 0x80) break
        k++
      }
    }
    if (need > 0 && k === need) {
      i += need + 1
      continue
    }
    count++
    if (first < 0) first = i
    i += need > 0 ? k + 1 : 1
  }
  return { count, first }
}

/** Characters that decoding the file as CP949 leaves undecodable (U+FFFD) or as C1 controls. */
async function countBadCp949(path: string): Promise<number> {
  let bad = 0
  for await (const text of decodeFile(path, 'cp949')) bad += countDamaged(text)
  return bad
}

/** U+FFFD and C1 controls in `text`: what a wrong or failed decoding leaves. */
export function countDamaged(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) n++
  }
  return n
}

/** True when `text` holds U+FFFD or a C1 control (U+0080–U+009F): damaged, never stored silently. */
export const DAMAGED_TEXT = /[\uFFFD\u0080-\u009F]/

/** Length of `buf` without a trailing multi-byte sequence cut off by the chunk boundary. */
function completeLength(buf: Buffer): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const byte = buf[buf.length - k] ?? 0
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: keep looking for the lead byte
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      if (need > k) return buf.length - k
    }
    break
  }
  return buf.length
}

/** A streaming decoder: `write` keeps a character split across chunks for the next call. */
export type ChunkDecoder = { write(chunk: Buffer): string; end(): string }

/**
 * A decoder for `encoding`; the UTF-8 decoder drops the BOM itself. Bytes that are not valid text
 * in the encoding become U+FFFD, which the validator reports row by row.
 */
export function decoderFor(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'cp949') {
    const d = iconv.getDecoder('cp949')
    return { write: (chunk) => d.write(chunk), end: () => d.end() ?? '' }
  }
  const d = new TextDecoder('utf-8')
  return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() }
}

/** All of `bytes` decoded as `encoding`. */
export function decodeBytes(bytes: Buffer, encoding: TextEncoding): string {
  const d = decoderFor(encoding)
  return d.write(bytes) + d.end()
}

/** The file as a stream of decoded text chunks (multi-byte characters split across chunks are kept whole). */
export async function* decodeFile(path: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = decoderFor(encoding)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = decoder.write(chunk as Buffer)
    if (text) yield text
  }
  const rest = decoder.end()
  if (rest) yield rest
}

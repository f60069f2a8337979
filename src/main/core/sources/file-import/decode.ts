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
 * BOM → UTF-8; otherwise the whole file is checked in a streaming pass (constant memory): valid
 * UTF-8 → UTF-8, else CP949. A sniff of the head alone would misread a CP949 file whose first
 * megabyte happens to be ASCII.
 */
export async function detectEncoding(path: string, head: Buffer): Promise<TextEncoding> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  let carry: Buffer = Buffer.alloc(0)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer)
    const end = completeLength(buf)
    if (!isUtf8(buf.subarray(0, end))) return 'cp949'
    carry = buf.subarray(end)
  }
  return carry.length === 0 ? 'utf-8' : 'cp949'
}

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

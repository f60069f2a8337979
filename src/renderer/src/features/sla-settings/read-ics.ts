// Reads an .ics file chosen in the renderer as text. RFC 5545 folds lines at 75 octets and simple
// writers may fold inside a multi-byte UTF-8 character (a Hangul syllable is 3 octets), so lines are
// unfolded on the bytes before decoding; the core parses the text (no path crosses IPC).

/** Removes CRLF/LF + space/tab fold sequences from raw bytes. */
export function unfoldBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length)
  let n = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0
    if (b === 0x0d && bytes[i + 1] === 0x0a && (bytes[i + 2] === 0x20 || bytes[i + 2] === 0x09)) {
      i += 2
      continue
    }
    if (b === 0x0a && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09)) {
      i += 1
      continue
    }
    out[n++] = b
  }
  return out.subarray(0, n)
}

/** Decodes iCal bytes as UTF-8 after unfolding. */
export function decodeIcs(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(unfoldBytes(bytes))
}

/** Reads a chosen file as unfolded iCal text. */
export async function readIcsFile(file: File): Promise<string> {
  return decodeIcs(new Uint8Array(await file.arrayBuffer()))
}

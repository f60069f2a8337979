// Output of the CLI: `--json` prints exactly the IPC response; otherwise a readable text form.
import type { OverviewResponse } from '../../shared/ipc/types'
import type { DemoResult } from '../../shared/ipc/types'
import stringWidth from 'string-width'

/**
 * Pads to `columns` terminal columns: Hangul and other wide characters take two, so String#padEnd
 * (which counts UTF-16 units) misaligns Korean names and units.
 */
export function padCols(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - stringWidth(text)))
}

/**
 * `text` cut to at most `columns` terminal columns in its middle, with "…" where it was cut: its start
 * and its end stay (a file name's date and extension are at its end). Text that fits is returned as is.
 */
export function fitMiddle(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text
  const chars = Array.from(new Intl.Segmenter().segment(text), (s) => s.segment)
  const room = columns - 1
  let tail = ''
  for (let i = chars.length - 1; i >= 0; i--) {
    if (stringWidth(chars[i] + tail) > Math.floor(room / 2)) break
    tail = chars[i] + tail
  }
  let head = ''
  for (const ch of chars) {
    if (stringWidth(head + ch) + stringWidth(tail) > room) break
    head += ch
  }
  return `${head}…${tail}`
}

/** Prints `data` as JSON (the renderer's shape) or through `text`. */
export function print<T>(data: T, json: boolean | undefined, text: (data: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text(data)}\n`)
}

/** `1 row`, `0 rows`, `12,000 rows`: a count with its noun, singular only for one. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`
}

/**
 * A duration as people read it: `9.7 s` under a minute, then `12 min 34 s` and `2 h 5 min` (a long
 * sync's 754.3 s or an ETA of 4,210 s had to be worked out by the reader).
 */
export function formatDuration(ms: number, opts: { roundUp?: boolean } = {}): string {
  const s = Math.max(0, ms) / 1000
  if (!opts.roundUp && s < 59.95) return `${s.toFixed(1)} s`
  const whole = opts.roundUp ? Math.ceil(s) : Math.round(s)
  if (whole < 60) return `${whole} s`
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  return h > 0 ? `${h} h ${m} min` : `${m} min ${whole % 60} s`
}

function formatNumber(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-US')
}

/** The overview cards as aligned lines. */
export function overviewText(o: OverviewResponse): string {
  const lines = o.cards.map((c) => {
    const change =
      c.change !== undefined ? `  (${c.change_label ?? 'change'} ${c.change >= 0 ? '+' : ''}${c.change})` : ''
    return `  ${c.key.padEnd(11)} ${padCols(c.label, 14)} ${formatNumber(c.value).padStart(9)} ${c.unit}${change}`
  })
  return [
    `as of ${o.as_of} (${o.time_zone})${o.tenants ? ` — tenants: ${o.tenants.join(', ')}` : ''}`,
    ...lines,
    `data watermark: ${o.updated_at ?? 'no data yet'}`,
  ].join('\n')
}

/** The demo generator's summary. */
export function demoText(d: DemoResult): string {
  return `demo workspace: ${d.srCount.toLocaleString('en-US')} SRs, ${d.tenantCount} tenants, ${d.peopleCount} people, ${d.videoCount} videos in ${(d.durationMs / 1000).toFixed(1)} s`
}

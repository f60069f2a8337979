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

/** Prints `data` as JSON (the renderer's shape) or through `text`. */
export function print<T>(data: T, json: boolean | undefined, text: (data: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text(data)}\n`)
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

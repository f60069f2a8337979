// Progress of a long command (sync, import, demo) on stderr. At a terminal: one line overwritten in
// place, cut to the terminal's width (a wrapped line cannot be overwritten, and each update would
// leave a copy behind). Into a file or a pipe (cron's log, `2> sync.log`): whole lines, since
// carriage returns there glue every update into one endless line; the first and last update of each
// step always, and in between one every few seconds, so a long run's log stays short.
import stringWidth from 'string-width'

export type Progress = {
  /** Shows `line`, an update of the step `step` (an entity, an import phase). */
  show(step: string, line: string): void
  /** Ends the progress: the terminal's line is kept; a pipe gets the last update it was not given. */
  done(): void
}

/** What a progress is written to: a TTY stream has `isTTY` and `columns`. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number }

/** Seconds between two updates of one step written to a file or a pipe. */
export const PIPE_INTERVAL_MS = 5_000

/** `text` cut to `columns` terminal columns (Hangul takes two), with "…" where it was cut. */
export function fitColumns(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text
  let out = ''
  for (const ch of text) {
    if (stringWidth(out + ch) > columns - 1) break
    out += ch
  }
  return `${out}…`
}

/** A progress on `stream` (stderr), or one that shows nothing when `enabled` is false (`--json`). */
export function progressOn(
  stream: ProgressStream = process.stderr,
  opts: { enabled?: boolean; intervalMs?: number; now?: () => number } = {},
): Progress {
  if (opts.enabled === false) return { show: () => undefined, done: () => undefined }
  if (stream.isTTY) {
    let shown = 0
    return {
      show(_step, line) {
        // One column short of the width: a line filling the last column wraps on some terminals.
        const width = Math.max(20, (stream.columns ?? 80) - 1)
        const text = fitColumns(line, width)
        const columns = stringWidth(text)
        // Blanks over what a longer previous line left.
        stream.write(`\r${text}${' '.repeat(Math.max(0, shown - columns))}`)
        shown = columns
      },
      done() {
        if (shown > 0) stream.write('\n')
        shown = 0
      },
    }
  }
  const interval = opts.intervalMs ?? PIPE_INTERVAL_MS
  const now = opts.now ?? Date.now
  let step: string | null = null
  let writtenAt = 0
  let pending: string | null = null
  const write = (line: string): void => {
    stream.write(`${line}\n`)
    writtenAt = now()
    pending = null
  }
  return {
    show(next, line) {
      if (next !== step) {
        // The step before ends on its last figures, then the new one starts at once.
        if (pending !== null) write(pending)
        step = next
        write(line)
      } else if (now() - writtenAt >= interval) write(line)
      else pending = line
    },
    done() {
      if (pending !== null) write(pending)
      step = null
    },
  }
}

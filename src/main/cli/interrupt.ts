// Ctrl+C and SIGTERM during a long command (sync, import, source test). One press at a terminal can
// reach the process more than once: the terminal signals the whole foreground process group, and a
// wrapper in it passes the signal on to its child again (tsx's own command, which `npm run cli` used
// to run, does; so do some process managers). A listener taken once, or dropped when the command
// ended, left the second copy to Node's default, which killed the process with exit code 130 before
// or while it reported what was stopped (and a sync's run stayed open, to be closed as interrupted by
// the next one). SIGTERM (`kill PID`, systemd, CI runners) killed a sync or an import outright the
// same way; it now stops the command as Ctrl+C does.
//
// A copy arriving within COPY_WINDOW_MS of the first signal is the same request. One arriving later,
// while the command is still stopping, is a second, deliberate press: the command may be stuck, so
// the process quits at once with 128 + the signal's number (130 for Ctrl+C), saying what was left.

/** The signals a command stops on. */
export type StopSignal = 'SIGINT' | 'SIGTERM'
const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM']

/** How long after the first signal another one is taken as a copy of it (the same press). */
export const COPY_WINDOW_MS = 500

/** The signal as the messages name it: "Ctrl+C" or "SIGTERM". */
export function signalLabel(signal: StopSignal): string {
  return signal === 'SIGINT' ? 'Ctrl+C' : 'SIGTERM'
}

/** The exit code of a process ended by `signal` (the shell's convention): 130 or 143. */
export function signalExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143
}

/** What `stopOnSignals` gives back: whether a stop came, and the end of its watch. */
export type StopWatch = {
  readonly interrupted: boolean
  /** The first signal taken, null before any. */
  readonly signal: StopSignal | null
  /**
   * The next phase of the command (the KPI recalculation after a sync's rows are in): a stop
   * request that comes from now on calls `stop` instead, and a forced quit says `forced` instead.
   * A request taken before is not repeated (the phase runs as it would have).
   */
  phase(stop: (signal: StopSignal) => void, forced: (signal: StopSignal) => string): void
  /**
   * Ends the watch. Before any signal the listeners go (Node's defaults apply again); after one
   * they stay, so copies still on their way are taken as the same request, and a later press quits.
   */
  dispose(): void
}

export type StopWatchOptions = {
  /** Where signals come from (the process). */
  target?: NodeJS.EventEmitter
  /** What a forced quit says on stderr (a line, without its end). */
  forced?: (signal: StopSignal) => string
  now?: () => number
  write?: (line: string) => void
  exit?: (code: number) => void
}

/**
 * Calls `stop` on the first SIGINT or SIGTERM and takes every copy of it within COPY_WINDOW_MS as
 * the same request: the command stops as asked, reports and exits with its own code. A signal that
 * comes later quits at once (`forced` says what that left behind). A listener keeps no process alive.
 */
export function stopOnSignals(stop: (signal: StopSignal) => void, opts: StopWatchOptions = {}): StopWatch {
  const target = opts.target ?? process
  const now = opts.now ?? Date.now
  const write = opts.write ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const exit = opts.exit ?? ((code: number) => process.exit(code))
  let onStop = stop
  let forced =
    opts.forced ??
    ((signal: StopSignal) => `quit at once (${signalLabel(signal)} again): the command did not clean up`)
  let first: { signal: StopSignal; at: number } | null = null
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = (): void => {
      if (first === null) {
        first = { signal, at: now() }
        onStop(signal)
        return
      }
      if (now() - first.at < COPY_WINDOW_MS) return
      write(forced(signal))
      exit(signalExitCode(signal))
    }
    target.on(signal, listener)
    return { signal, listener }
  })
  return {
    get interrupted() {
      return first !== null
    },
    get signal() {
      return first?.signal ?? null
    },
    phase(next, nextForced) {
      onStop = next
      forced = nextForced
    },
    dispose() {
      if (first !== null) return
      for (const { signal, listener } of listeners) target.off(signal, listener)
    },
  }
}

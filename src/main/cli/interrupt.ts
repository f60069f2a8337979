// Ctrl+C during a long command (sync, import). One press at a terminal can reach the process more
// than once: the terminal signals the whole foreground process group, and a wrapper in it passes the
// signal on to its child again (tsx's own command, which `npm run cli` used to run, does; so do some
// process managers). A listener taken once, or dropped when the command ended, left the second copy
// to Node's default, which killed the process with exit code 130 before or while it reported what
// was stopped (and a sync's run stayed open, to be closed as interrupted by the next one).

/** What `stopOnSigint` gives back: whether Ctrl+C came, and the end of its watch. */
export type SigintWatch = {
  readonly interrupted: boolean
  /**
   * Ends the watch. Before any Ctrl+C the listener goes (Node's default applies again); after one it
   * stays, so the copies still on their way are taken as the same request, not as a kill.
   */
  dispose(): void
}

/**
 * Calls `stop` on the first SIGINT and takes every later one as the same request: the command stops
 * as asked, reports and exits with its own code. A signal listener keeps no process alive.
 */
export function stopOnSigint(stop: () => void, target: NodeJS.EventEmitter = process): SigintWatch {
  let interrupted = false
  const listener = (): void => {
    if (interrupted) return
    interrupted = true
    stop()
  }
  target.on('SIGINT', listener)
  return {
    get interrupted() {
      return interrupted
    },
    dispose() {
      if (!interrupted) target.off('SIGINT', listener)
    },
  }
}

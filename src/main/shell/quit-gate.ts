// Holds the app's quit until the core has stopped its work (a running sync asked to cancel and
// waited for, within a bound: core/sync/runtime.ts shutdown). Electron ends the process as soon as
// its will-quit handlers return, which cut a sync worker off mid-run like a killed process. Here the
// first will-quit is prevented, the work runs once, and the quit is asked again when it settles;
// that second will-quit passes. will-quit, not before-quit: the windows are closed by then, so the
// app looks gone at once and no screen can start anything while it waits. Typed structurally (no
// `electron` import) so it is tested with a stand-in for `app`.
//
// Because the app looks gone while it stops, a user may start it again in those seconds (a second
// launch, a click on the dock icon). A window opened then would show and vanish with the quit, and
// the second launch has already ended (the single-instance lock is still held): the app would be
// gone. So while quitting the gate opens no window and starts the app again once it has quit.

/** The part of Electron's will-quit event this uses. */
export type QuitEvent = { preventDefault(): void }

/** The part of Electron's `app` this uses. */
export type QuittingApp = {
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown
  quit(): void
  /** Starts the app again when this process exits (Electron: once per call, so called once). */
  relaunch(options?: RelaunchOptions): void
}

/** The part of Electron's RelaunchOptions this uses. */
export type RelaunchOptions = { execPath: string; args: string[] }

/**
 * How to start the app again: Electron's own way (undefined), except in a packaged Linux AppImage,
 * whose executable lies in a mount that goes away with the process; the AppImage file itself is
 * started then (extracting itself, as its mount may not be made again at once).
 */
export function relaunchOptionsFor(facts: {
  isPackaged: boolean
  env: Readonly<Record<string, string | undefined>>
  argv: readonly string[]
}): RelaunchOptions | undefined {
  const appImage = facts.env['APPIMAGE']?.trim()
  if (!facts.isPackaged || !appImage) return undefined
  return { execPath: appImage, args: ['--appimage-extract-and-run', ...facts.argv.slice(1)] }
}

export type QuitGate = {
  /**
   * Runs `open` (the console window for a second launch or a dock click) unless the app is quitting;
   * then the app is started again once it has quit, however often this is asked meanwhile.
   */
  reopen(open: () => void): void
}

/**
 * Makes the app's quit wait for `work` (once, however many times the quit is asked meanwhile); a
 * `work` that rejects is logged and the app quits all the same.
 */
export function holdQuitUntil(
  app: QuittingApp,
  work: () => Promise<void>,
  log: { warn(message: string): void },
  opts: { relaunch?: RelaunchOptions | undefined } = {},
): QuitGate {
  let state: 'open' | 'stopping' | 'done' = 'open'
  let relaunching = false
  app.on('will-quit', (event) => {
    if (state === 'done') return
    event.preventDefault()
    // Asked again while stopping (Cmd+Q twice, the last window closed meanwhile): one stop is enough.
    if (state === 'stopping') return
    state = 'stopping'
    void Promise.resolve()
      .then(work)
      .catch((err: unknown) =>
        log.warn(`Stopping before quitting failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        state = 'done'
        // On a later task: a quit asked again within the task that emitted will-quit (work that
        // settled at once) is ignored by Electron (electron/electron#33643).
        setTimeout(() => app.quit(), 0)
      })
  })
  return {
    reopen(open) {
      if (state === 'open') {
        open()
        return
      }
      if (relaunching) return
      relaunching = true
      if (opts.relaunch) app.relaunch(opts.relaunch)
      else app.relaunch()
    },
  }
}

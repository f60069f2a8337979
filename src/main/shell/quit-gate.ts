// Holds the app's quit until the core has stopped its work (a running sync asked to cancel and
// waited for, within a bound: core/sync/runtime.ts shutdown). Electron ends the process as soon as
// its will-quit handlers return, which cut a sync worker off mid-run like a killed process. Here the
// first will-quit is prevented, the work runs once, and the quit is asked again when it settles;
// that second will-quit passes. will-quit, not before-quit: the windows are closed by then, so the
// app looks gone at once and no screen can start anything while it waits. Typed structurally (no
// `electron` import) so it is tested with a stand-in for `app`.

/** The part of Electron's will-quit event this uses. */
export type QuitEvent = { preventDefault(): void }

/** The part of Electron's `app` this uses. */
export type QuittingApp = {
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown
  quit(): void
}

/**
 * Makes the app's quit wait for `work` (once, however many times the quit is asked meanwhile); a
 * `work` that rejects is logged and the app quits all the same.
 */
export function holdQuitUntil(
  app: QuittingApp,
  work: () => Promise<void>,
  log: { warn(message: string): void },
): void {
  let state: 'open' | 'stopping' | 'done' = 'open'
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
}

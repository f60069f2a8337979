// A window whose renderer process went away (out of memory on a large workspace's dashboards, a
// crash, killed from the task manager) stays a blank pane until the app restarts: Electron does not
// start a new one by itself. This reloads the page, which starts a renderer again, unless it keeps
// going away (a page that crashes as it loads would otherwise reload without end): then it is left
// and said in the log. No `electron` import: the WebContents comes in structurally.

/** The part of Electron's RenderProcessGoneDetails this reads. */
export type GoneDetails = { reason: string; exitCode: number }

/** The part of Electron's WebContents this uses. */
export type RecoverableContents = {
  on(event: 'render-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown
  reload(): void
  isDestroyed(): boolean
}

/** At most this many reloads within RELOAD_WINDOW_MS; a renderer gone more often is left. */
export const MAX_RELOADS = 3
export const RELOAD_WINDOW_MS = 60_000

/** Reloads `contents` when its renderer goes away abnormally, a bounded number of times. */
export function recoverRendererCrashes(
  contents: RecoverableContents,
  deps: { page: string; now: () => number; log: { warn(message: string): void } },
): void {
  let reloads: number[] = []
  contents.on('render-process-gone', (_event, details) => {
    // clean-exit: the window is closing.
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return
    const at = deps.now()
    reloads = reloads.filter((t) => at - t < RELOAD_WINDOW_MS)
    const gone = `The renderer of ${deps.page} went away (${details.reason}, exit code ${details.exitCode})`
    if (reloads.length >= MAX_RELOADS) {
      deps.log.warn(`${gone}; not reloaded: it went away ${MAX_RELOADS} times within a minute`)
      return
    }
    reloads.push(at)
    deps.log.warn(`${gone}; reloading the page`)
    contents.reload()
  })
}

// Window-state persistence: restore the last bounds on a display that still exists, save them
// (debounced) while the user moves and resizes, and flush on close. Electron objects come in
// structurally so the rules run under plain Node.
import type { WindowState } from '../../shared/settings'

export type Rect = { x: number; y: number; width: number; height: number }

/** Part of a BrowserWindow the tracker reads. */
export type TrackedWindow = {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isMinimized(): boolean
  isFullScreen(): boolean
}

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

// At least this much of the title bar must lie on a display for the saved position to be reused.
const MIN_VISIBLE = 64
// The bounds windowStateSchema (src/shared/settings.ts) accepts: a window stretched over a wall of
// displays (three 4K screens side by side) is wider than the largest, and saving it as it is would
// be refused by the schema. Restoring clamps it to one display anyway (fitToDisplays).
const MIN_WIDTH = 640
const MIN_HEIGHT = 480
const MAX_SIZE = 10_000

/**
 * Fits the saved state to the current displays' work areas, the primary display's first: a
 * position that is no longer visible (monitor unplugged) is dropped so the window centres on the
 * primary display, its size cut to that display (a size kept from a larger monitor would reach past
 * the primary's edges on both sides). A window still wholly on screen stays where it was; one that
 * would reach past the screen's edge (its display replaced by a smaller one, a laptop undocked:
 * its bottom rows under the taskbar or beyond the screen) is fitted to the display holding most of
 * its title bar and moved into it.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0]
  if (!primary) return state
  const maxWidth = Math.max(...workAreas.map((a) => a.width))
  const maxHeight = Math.max(...workAreas.map((a) => a.height))
  const width = Math.min(state.width, maxWidth)
  const height = Math.min(state.height, maxHeight)
  const { x, y } = state
  const centred = (): WindowState => ({
    width: Math.min(width, primary.width),
    height: Math.min(height, primary.height),
    maximized: state.maximized,
  })
  if (x === undefined || y === undefined) return centred()
  const titleBar: Rect = { x, y, width, height: Math.min(height, 32) }
  let host: Rect | null = null
  let hostOverlap = 0
  for (const area of workAreas) {
    const shown = overlap(titleBar, area)
    if (shown >= Math.min(MIN_VISIBLE, width) && shown > hostOverlap) {
      host = area
      hostOverlap = shown
    }
  }
  if (!host) return centred()
  // Wholly on screen (on one display, or across displays side by side): left where the user put it.
  if (cornersOf({ x, y, width, height }).every((c) => workAreas.some((a) => contains(a, c))))
    return { x, y, width, height, maximized: state.maximized }
  const fitWidth = Math.min(width, host.width)
  const fitHeight = Math.min(height, host.height)
  return {
    x: clamp(x, host.x, host.x + host.width - fitWidth),
    y: clamp(y, host.y, host.y + host.height - fitHeight),
    width: fitWidth,
    height: fitHeight,
    maximized: state.maximized,
  }
}

function cornersOf(r: Rect): { x: number; y: number }[] {
  const right = r.x + r.width - 1
  const bottom = r.y + r.height - 1
  return [
    { x: r.x, y: r.y },
    { x: right, y: r.y },
    { x: r.x, y: bottom },
    { x: right, y: bottom },
  ]
}

function contains(area: Rect, p: { x: number; y: number }): boolean {
  return p.x >= area.x && p.x < area.x + area.width && p.y >= area.y && p.y < area.y + area.height
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w : 0
}

/** Reads the state worth saving; null while minimised or full screen (those are not restored). */
export function captureWindowState(win: TrackedWindow): WindowState | null {
  if (win.isMinimized() || win.isFullScreen()) return null
  // Normal bounds keep the restored size when the window is maximised.
  const b = win.getNormalBounds()
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: clamp(Math.round(b.width), MIN_WIDTH, MAX_SIZE),
    height: clamp(Math.round(b.height), MIN_HEIGHT, MAX_SIZE),
    maximized: win.isMaximized(),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/**
 * Saves the window state `delayMs` after the last move/resize, and at once when the window closes.
 * A save that fails (the settings file not writable, the disk full) is told to `onError` and the
 * window goes on: these run in a timer and in the close event, where a throw would be an uncaught
 * exception of the main process, which Electron shows as an error dialog each time the window is moved.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  opts: { delayMs?: number; timers?: Timers; onError?: (message: string) => void } = {},
): void {
  const timers: Timers = opts.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const delayMs = opts.delayMs ?? 500
  let pending: unknown = null
  const flush = (): void => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = null
    try {
      const state = captureWindowState(win)
      if (state) save(state)
    } catch (err) {
      opts.onError?.(
        `The window's size and position were not saved: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
  }
  const schedule = (): void => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = timers.setTimeout(flush, delayMs)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule)
  win.on('close', flush)
}

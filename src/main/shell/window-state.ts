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

/**
 * Fits the saved state to the current displays' work areas: a position that is no longer visible
 * (monitor unplugged) is dropped so the window centres on the primary display, and the size is
 * clamped to the largest work area.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state
  const maxWidth = Math.max(...workAreas.map((a) => a.width))
  const maxHeight = Math.max(...workAreas.map((a) => a.height))
  const width = Math.min(state.width, maxWidth)
  const height = Math.min(state.height, maxHeight)
  const { x, y } = state
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized }
  const titleBar: Rect = { x, y, width, height: Math.min(height, 32) }
  const visible = workAreas.some((area) => overlap(titleBar, area) >= Math.min(MIN_VISIBLE, width))
  return visible
    ? { x, y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized }
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
    width: Math.max(640, Math.round(b.width)),
    height: Math.max(480, Math.round(b.height)),
    maximized: win.isMaximized(),
  }
}

/** Saves the window state `delayMs` after the last move/resize, and at once when the window closes. */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  opts: { delayMs?: number; timers?: Timers } = {},
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
    const state = captureWindowState(win)
    if (state) save(state)
  }
  const schedule = (): void => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = timers.setTimeout(flush, delayMs)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule)
  win.on('close', flush)
}

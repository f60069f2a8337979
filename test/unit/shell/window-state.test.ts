import { describe, expect, it, vi } from 'vitest'
import {
  captureWindowState,
  fitToDisplays,
  trackWindowState,
  type TrackedWindow,
} from '../../../src/main/shell/window-state'

const primary = { x: 0, y: 0, width: 1920, height: 1040 }
const left = { x: -1280, y: 0, width: 1280, height: 984 }

describe('fitToDisplays', () => {
  it('keeps a position that is still on a display', () => {
    const state = { x: -1200, y: 40, width: 1000, height: 700, maximized: false }
    expect(fitToDisplays(state, [primary, left])).toEqual(state)
  })

  it('drops a position whose display is gone, so the window centres', () => {
    const state = { x: -1200, y: 40, width: 1000, height: 700, maximized: true }
    expect(fitToDisplays(state, [primary])).toEqual({ width: 1000, height: 700, maximized: true })
  })

  it('drops a position whose title bar is off screen even if part of the window shows', () => {
    const state = { x: 100, y: -600, width: 1000, height: 700, maximized: false }
    expect(fitToDisplays(state, [primary]).x).toBeUndefined()
  })

  it('clamps the size to the largest work area', () => {
    const state = { width: 4000, height: 3000, maximized: false }
    expect(fitToDisplays(state, [primary, left])).toEqual({ width: 1920, height: 1040, maximized: false })
  })
})

function fakeWindow() {
  const listeners = new Map<string, () => void>()
  const win = {
    bounds: { x: 10, y: 20, width: 1300.4, height: 850 },
    maximized: false,
    minimized: false,
    fire: (event: string) => listeners.get(event)?.(),
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    getNormalBounds: () => win.bounds,
    isMaximized: () => win.maximized,
    isMinimized: () => win.minimized,
    isFullScreen: () => false,
  }
  return win satisfies TrackedWindow
}

function manualTimers() {
  let queued: (() => void) | null = null
  return {
    timers: {
      setTimeout: (fn: () => void) => {
        queued = fn
        return fn
      },
      clearTimeout: (handle: unknown) => {
        if (handle === queued) queued = null
      },
    },
    run: () => queued?.(),
    pending: () => queued !== null,
  }
}

describe('trackWindowState', () => {
  it('saves once after a burst of moves (debounced), with rounded bounds', () => {
    const win = fakeWindow()
    const clock = manualTimers()
    const save = vi.fn()
    trackWindowState(win, save, { timers: clock.timers })
    win.fire('move')
    win.fire('resize')
    win.fire('move')
    expect(save).not.toHaveBeenCalled()
    clock.run()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenCalledWith({ x: 10, y: 20, width: 1300, height: 850, maximized: false })
  })

  it('flushes at once on close and cancels the pending save', () => {
    const win = fakeWindow()
    const clock = manualTimers()
    const save = vi.fn()
    trackWindowState(win, save, { timers: clock.timers })
    win.fire('resize')
    win.maximized = true
    win.fire('close')
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0]?.[0]).toMatchObject({ maximized: true })
    expect(clock.pending()).toBe(false)
  })

  it('does not save a minimised window', () => {
    const win = fakeWindow()
    win.minimized = true
    expect(captureWindowState(win)).toBeNull()
  })
})

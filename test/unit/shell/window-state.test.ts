import { describe, expect, it, vi } from 'vitest'
import {
  captureWindowState,
  fitToDisplays,
  trackWindowState,
  type TrackedWindow,
} from '../../../src/main/shell/window-state'
import { createSettingsService, type SettingsBackend } from '../../../src/main/shell/settings-service'

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

  it('moves a window that would reach past its display back onto it (a laptop undocked)', () => {
    // Saved on a 2560 × 1400 monitor; now only the laptop's 1366 × 728 screen is there.
    const laptop = { x: 0, y: 0, width: 1366, height: 728 }
    const state = { x: 100, y: 100, width: 2400, height: 1300, maximized: false }
    expect(fitToDisplays(state, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false })
  })

  it('fits a window to the smaller display that replaced the one it was on', () => {
    // A 2560 × 1400 monitor right of the primary was swapped for a 1280 × 1024 one.
    const right = { x: 1920, y: 0, width: 1280, height: 984 }
    const state = { x: 2200, y: 300, width: 2300, height: 1300, maximized: true }
    expect(fitToDisplays(state, [primary, right])).toEqual({
      x: 1920,
      y: 0,
      width: 1280,
      height: 984,
      maximized: true,
    })
  })

  it('leaves a window across two displays where it was, and fits it to the one holding most of it once it reaches past', () => {
    const across = { x: -300, y: 200, width: 1000, height: 700, maximized: false }
    expect(fitToDisplays(across, [primary, left])).toEqual(across)
    // The left display is shorter (984): lower down, the window's bottom-left corner is off screen.
    const lower = { ...across, y: 400 }
    // 700 px of the title bar on the primary, 300 on the left display: the primary holds it.
    expect(fitToDisplays(lower, [primary, left])).toEqual({
      x: 0,
      y: 340,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('centres a window whose place is gone within the primary display, however large its size was', () => {
    // Its monitor was unplugged; the laptop (primary) and a 2560 px monitor are left.
    const laptop = { x: 0, y: 0, width: 1366, height: 728 }
    const external = { x: 1366, y: 0, width: 2560, height: 1400 }
    const state = { x: 4000, y: 100, width: 2400, height: 1300, maximized: false }
    expect(fitToDisplays(state, [laptop, external])).toEqual({ width: 1366, height: 728, maximized: false })
    // Never placed yet (first launch): the default size, cut to the primary display.
    expect(fitToDisplays({ width: 1440, height: 900, maximized: false }, [laptop, external])).toEqual({
      width: 1366,
      height: 728,
      maximized: false,
    })
  })

  it('clamps the size of a window without a place to the primary display', () => {
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

describe('saving the window state into the settings', () => {
  /** The settings service over a memory backend, as the app's electron-store is. */
  function settingsOver(backend: Partial<SettingsBackend> = {}) {
    let stored: unknown = {}
    return createSettingsService(
      {
        read: () => stored,
        write: (next) => {
          stored = next
        },
        ...backend,
      },
      { warn: () => {} },
    )
  }

  it('keeps a window stretched over a wall of displays, within the sizes the settings accept', () => {
    // Three 4K displays side by side (3 × 3840 px): an operations room's wall.
    const settings = settingsOver()
    const win = fakeWindow()
    win.bounds = { x: 0, y: 0, width: 11_520, height: 2_100 }
    const onError = vi.fn()
    trackWindowState(win, (state) => settings.setWindowState(state), { onError })
    expect(() => win.fire('close')).not.toThrow()
    expect(onError).not.toHaveBeenCalled()
    expect(settings.get().windowState).toEqual({ x: 0, y: 0, width: 10_000, height: 2_100, maximized: false })
  })

  it('tells a settings file that cannot be written, and never throws from the timer or the close', () => {
    // A throw there is an uncaught exception of Electron's main process: an error dialog.
    const settings = settingsOver({
      write: () => {
        throw Object.assign(
          new Error("EACCES: permission denied, open '/home/u/.config/ops-console/settings.json'"),
          {
            code: 'EACCES',
          },
        )
      },
    })
    const win = fakeWindow()
    const clock = manualTimers()
    const errors: string[] = []
    trackWindowState(win, (state) => settings.setWindowState(state), {
      timers: clock.timers,
      onError: (message) => errors.push(message),
    })
    win.fire('move')
    expect(() => clock.run()).not.toThrow()
    win.fire('resize')
    expect(() => win.fire('close')).not.toThrow()
    expect(errors).toEqual([
      "The window's size and position were not saved: EACCES: permission denied, open '/home/u/.config/ops-console/settings.json'",
      "The window's size and position were not saved: EACCES: permission denied, open '/home/u/.config/ops-console/settings.json'",
    ])
  })
})

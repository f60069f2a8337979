import { describe, expect, it, vi } from 'vitest'
import { ZodError } from 'zod'
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings'
import { createSettingsService, type SettingsBackend } from '../../../src/main/shell/settings-service'

function memoryBackend(initial: unknown): SettingsBackend & { stored: unknown; writes: number } {
  const backend = {
    stored: initial,
    writes: 0,
    read: () => backend.stored,
    write: (settings: AppSettings) => {
      backend.stored = structuredClone(settings)
      backend.writes++
    },
  }
  return backend
}

describe('createSettingsService', () => {
  it('falls back per field: a bad timeZone becomes the default while language survives, and is logged by name', () => {
    const backend = memoryBackend({
      language: 'en',
      timeZone: 'Mars/Olympus',
      theme: 'dark',
      syncIntervalMinutes: 0,
    })
    const log = { warn: vi.fn() }
    const settings = createSettingsService(backend, log)
    expect(settings.get()).toMatchObject({
      language: 'en',
      theme: 'dark',
      timeZone: DEFAULT_SETTINGS.timeZone,
      syncIntervalMinutes: DEFAULT_SETTINGS.syncIntervalMinutes,
    })
    expect(log.warn).toHaveBeenCalledTimes(1)
    const message = String(log.warn.mock.calls[0]?.[0])
    expect(message).toContain('timeZone')
    expect(message).toContain('syncIntervalMinutes')
    expect(message).not.toContain('Mars/Olympus')
    // The repaired settings are written back so the warning does not repeat on every start.
    expect(backend.stored).toMatchObject({ language: 'en', timeZone: DEFAULT_SETTINGS.timeZone })
  })

  it('starts from defaults when the backend cannot be read', () => {
    const log = { warn: vi.fn() }
    const settings = createSettingsService(
      {
        read: () => {
          throw new SyntaxError('Unexpected token')
        },
        write: () => undefined,
      },
      log,
    )
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)
    expect(log.warn).toHaveBeenCalled()
  })

  it('does not rewrite valid stored settings', () => {
    const backend = memoryBackend({ ...DEFAULT_SETTINGS, language: 'en' })
    createSettingsService(backend, { warn: vi.fn() })
    expect(backend.writes).toBe(0)
  })

  it('set validates the patch, persists it and notifies listeners with the previous value', () => {
    const backend = memoryBackend({})
    const settings = createSettingsService(backend, { warn: vi.fn() })
    const listener = vi.fn()
    const off = settings.onChange(listener)
    const next = settings.set({ theme: 'dark', timeZone: 'Europe/Berlin' })
    expect(next).toMatchObject({ theme: 'dark', timeZone: 'Europe/Berlin', language: 'ko' })
    expect(backend.stored).toMatchObject({ theme: 'dark', timeZone: 'Europe/Berlin' })
    expect(listener).toHaveBeenCalledWith(next, DEFAULT_SETTINGS)
    off()
    settings.set({ theme: 'light' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('set refuses bad values and fields the renderer may not change, keeping the old settings', () => {
    const backend = memoryBackend({})
    const settings = createSettingsService(backend, { warn: vi.fn() })
    expect(() => settings.set({ timeZone: 'Nowhere/Land' })).toThrow(ZodError)
    expect(() => settings.set({ windowState: { width: 10, height: 10, maximized: false } })).toThrow(ZodError)
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)
    expect(backend.writes).toBe(0)
  })

  it('setWindowState persists valid bounds', () => {
    const backend = memoryBackend({})
    const settings = createSettingsService(backend, { warn: vi.fn() })
    settings.setWindowState({ x: -1200, y: 40, width: 1200, height: 800, maximized: true })
    expect(settings.get().windowState).toEqual({ x: -1200, y: 40, width: 1200, height: 800, maximized: true })
  })
})

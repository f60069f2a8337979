import { describe, expect, it, vi } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { DEFAULT_EXTERNAL_ALLOWLIST } from '../../../src/main/shell/security'
import { createSettingsService } from '../../../src/main/shell/settings-service'
import { createShellHandlers } from '../../../src/main/shell/shell-handlers'

function setup() {
  const settings = createSettingsService({ read: () => ({}), write: () => undefined }, { warn: vi.fn() })
  const deps = {
    settings,
    openSettingsWindow: vi.fn(),
    openExternal: vi.fn(() => Promise.resolve()),
    externalAllowlist: DEFAULT_EXTERNAL_ALLOWLIST,
    now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
    emit: vi.fn(),
  }
  return { deps, handlers: createShellHandlers(deps) }
}

describe('shell handlers', () => {
  it('settings:set saves and broadcasts settings:changed and data:changed(settings)', async () => {
    const { deps, handlers } = setup()
    const result = await dispatch(handlers, 'settings:set', { language: 'en' })
    expect(result).toMatchObject({ ok: true, data: { language: 'en' } })
    expect(deps.emit).toHaveBeenCalledWith('settings:changed', expect.objectContaining({ language: 'en' }))
    expect(deps.emit).toHaveBeenCalledWith('data:changed', {
      reason: 'settings',
      at: '2025-01-02T03:04:05.000Z',
    })
  })

  it('settings:set with a bad value is BAD_REQUEST and broadcasts nothing', async () => {
    const { deps, handlers } = setup()
    const result = await dispatch(handlers, 'settings:set', { theme: 'neon' })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'theme' }] } })
    expect(deps.emit).not.toHaveBeenCalled()
  })

  it('link:open-external opens allowlisted links only', async () => {
    const { deps, handlers } = setup()
    expect(
      await dispatch(handlers, 'link:open-external', { url: 'https://support.google.com/youtube' }),
    ).toEqual({
      ok: true,
      data: { opened: true },
    })
    const refused = await dispatch(handlers, 'link:open-external', { url: 'file:///etc/passwd' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(deps.openExternal).toHaveBeenCalledTimes(1)
  })

  it('window:open-settings opens the Settings window', async () => {
    const { deps, handlers } = setup()
    expect(await dispatch(handlers, 'window:open-settings', {})).toEqual({ ok: true, data: null })
    expect(deps.openSettingsWindow).toHaveBeenCalledTimes(1)
  })
})

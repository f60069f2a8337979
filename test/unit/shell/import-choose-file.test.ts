// import:choose-file: the shell shows the open dialog and answers with a token and a file name only.
import { describe, expect, it, vi } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { createImportFileRegistry } from '../../../src/main/core/sync/import-files'
import { DEFAULT_EXTERNAL_ALLOWLIST } from '../../../src/main/shell/security'
import { createSettingsService } from '../../../src/main/shell/settings-service'
import { createShellHandlers, type ShellDeps } from '../../../src/main/shell/shell-handlers'

function handlers(extra: Partial<ShellDeps> = {}) {
  return createShellHandlers({
    settings: createSettingsService({ read: () => ({}), write: () => undefined }, { warn: vi.fn() }),
    openSettingsWindow: vi.fn(),
    openExternal: vi.fn(() => Promise.resolve()),
    externalAllowlist: DEFAULT_EXTERNAL_ALLOWLIST,
    now: () => 0,
    emit: vi.fn(),
    ...extra,
  })
}

describe('import:choose-file', () => {
  it('answers with an opaque token the core resolves, never the path', async () => {
    const files = createImportFileRegistry()
    const path = '/home/운영/내보내기/sr-2026-03.csv'
    const result = await dispatch(
      handlers({
        chooseImportFile: () =>
          Promise.resolve(files.register({ path, fileName: 'sr-2026-03.csv', size: 10 })),
      }),
      'import:choose-file',
      {},
    )
    expect(result).toMatchObject({ ok: true, data: { fileName: 'sr-2026-03.csv', size: 10 } })
    expect(JSON.stringify(result)).not.toContain('/home')
    const token = result.ok ? (result.data as { token: string }).token : ''
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(files.resolve(token)).toEqual({ path, fileName: 'sr-2026-03.csv' })
  })

  it('answers null when the dialog is cancelled, and UNAVAILABLE without a dialog', async () => {
    expect(
      await dispatch(handlers({ chooseImportFile: () => Promise.resolve(null) }), 'import:choose-file', {}),
    ).toEqual({
      ok: true,
      data: null,
    })
    expect(await dispatch(handlers(), 'import:choose-file', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    })
  })

  it('refuses a request that tries to pass a path', async () => {
    const result = await dispatch(handlers({ chooseImportFile: vi.fn() }), 'import:choose-file', {
      path: '/etc/passwd',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })
})

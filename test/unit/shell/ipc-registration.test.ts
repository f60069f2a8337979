import { describe, expect, it, vi } from 'vitest'
import type { HandlerTable } from '../../../src/main/core/dispatch'
import { CoreError } from '../../../src/main/core/errors'
import {
  isTrustedAppUrl,
  mergeHandlerTables,
  registerHandlers,
} from '../../../src/main/shell/ipc-registration'
import { createFakeIpcMain } from './fake-ipc-main'

const RENDERER_DIR = '/app/out/renderer'
const trusted = {
  isTrustedSender: (url: string | undefined) => isTrustedAppUrl(url, { rendererDir: RENDERER_DIR }),
}

describe('registerHandlers', () => {
  it('registers every channel of the table', () => {
    const ipc = createFakeIpcMain()
    const reg = registerHandlers(
      ipc,
      { 'settings:get': vi.fn(), 'window:open-settings': () => null },
      trusted,
    )
    expect([...ipc.handlers.keys()].sort()).toEqual(['settings:get', 'window:open-settings'])
    expect(reg.channels.sort()).toEqual(['settings:get', 'window:open-settings'])
  })

  it('refuses a channel already registered on the same ipcMain', () => {
    const ipc = createFakeIpcMain()
    registerHandlers(ipc, { 'window:open-settings': () => null }, trusted)
    expect(() => registerHandlers(ipc, { 'window:open-settings': () => null }, trusted)).toThrow(/twice/)
  })

  it('allows registering again after dispose', () => {
    const ipc = createFakeIpcMain()
    registerHandlers(ipc, { 'window:open-settings': () => null }, trusted).dispose()
    expect(ipc.handlers.size).toBe(0)
    expect(() => registerHandlers(ipc, { 'window:open-settings': () => null }, trusted)).not.toThrow()
  })

  it('refuses a channel that is not in the contract, registering nothing', () => {
    const ipc = createFakeIpcMain()
    const table = { 'window:open-settings': () => null, 'fs:read': () => 'secret' }
    expect(() => registerHandlers(ipc, table as HandlerTable, trusted)).toThrow(/fs:read/)
    expect(ipc.handlers.size).toBe(0)
  })

  it('answers an untrusted sender frame with FORBIDDEN without running the handler', async () => {
    const ipc = createFakeIpcMain()
    const handler = vi.fn(() => null)
    const onRefused = vi.fn()
    registerHandlers(ipc, { 'window:open-settings': handler }, { ...trusted, onRefused })
    for (const frame of ['https://evil.example/', 'file:///tmp/other/index.html', null]) {
      const result = await ipc.invoke('window:open-settings', {}, frame)
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(handler).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledTimes(3)
  })

  it('returns BAD_REQUEST with issue paths on a bad payload', async () => {
    const ipc = createFakeIpcMain()
    const handler = vi.fn(() => ({ opened: true }))
    registerHandlers(ipc, { 'link:open-external': handler }, trusted)
    const result = await ipc.invoke('link:open-external', { url: 42 })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'url' }] } })
    const extra = await ipc.invoke('link:open-external', { url: 'https://x', also: 1 })
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('returns the data of a good request, passing the parsed payload', async () => {
    const ipc = createFakeIpcMain()
    const handler = vi.fn((req: { url: string }) => ({ opened: req.url.startsWith('https://') }))
    registerHandlers(ipc, { 'link:open-external': handler }, trusted)
    const result = await ipc.invoke('link:open-external', { url: 'https://docs.servicenow.com/x' })
    expect(result).toEqual({ ok: true, data: { opened: true } })
    expect(handler).toHaveBeenCalledWith({ url: 'https://docs.servicenow.com/x' })
  })

  it('maps a thrown CoreError to its code and a plain Error to INTERNAL', async () => {
    const ipc = createFakeIpcMain()
    registerHandlers(
      ipc,
      {
        'link:open-external': () => {
          throw new CoreError('FORBIDDEN', 'not on the list')
        },
        'window:open-settings': async () => {
          throw new Error('boom')
        },
      },
      trusted,
    )
    expect(await ipc.invoke('link:open-external', { url: 'https://a' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'not on the list' },
    })
    expect(await ipc.invoke('window:open-settings', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('boom') },
    })
  })
})

describe('mergeHandlerTables', () => {
  it('merges disjoint tables and refuses overlapping ones', () => {
    const a: HandlerTable = { 'settings:get': vi.fn() }
    const b: HandlerTable = { 'window:open-settings': () => null }
    expect(Object.keys(mergeHandlerTables(a, b)).sort()).toEqual(['settings:get', 'window:open-settings'])
    expect(() => mergeHandlerTables(a, { 'settings:get': vi.fn() })).toThrow(/settings:get/)
  })
})

describe('isTrustedAppUrl', () => {
  const dev = { rendererDir: RENDERER_DIR, devServerUrl: 'http://localhost:5173' }

  it('trusts file pages of the renderer folder, with or without a hash or query', () => {
    expect(isTrustedAppUrl('file:///app/out/renderer/index.html', { rendererDir: RENDERER_DIR })).toBe(true)
    expect(
      isTrustedAppUrl('file:///app/out/renderer/settings.html#/kpi', { rendererDir: RENDERER_DIR }),
    ).toBe(true)
  })

  it('refuses other file paths, traversal and lookalike folders', () => {
    const opts = { rendererDir: RENDERER_DIR }
    expect(isTrustedAppUrl('file:///app/out/main/index.js', opts)).toBe(false)
    expect(isTrustedAppUrl('file:///app/out/renderer/../preload/index.cjs', opts)).toBe(false)
    expect(isTrustedAppUrl('file:///app/out/renderer%2F..%2Fmain/index.html', opts)).toBe(false)
    expect(isTrustedAppUrl('file:///app/out/renderer-evil/index.html', opts)).toBe(false)
    expect(isTrustedAppUrl('file:///app/out/renderer', opts)).toBe(false)
    expect(isTrustedAppUrl('file://remote-host/app/out/renderer/index.html', opts)).toBe(false)
    expect(isTrustedAppUrl('file:///tmp/evil.html', opts)).toBe(false)
  })

  it('trusts the dev server origin only when a dev server is configured', () => {
    expect(isTrustedAppUrl('http://localhost:5173/settings.html', dev)).toBe(true)
    expect(isTrustedAppUrl('http://localhost:5173/settings.html', { rendererDir: RENDERER_DIR })).toBe(false)
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })

  it('refuses remote pages, empty and malformed URLs', () => {
    expect(isTrustedAppUrl('https://evil.example/index.html', dev)).toBe(false)
    expect(isTrustedAppUrl('about:blank', dev)).toBe(false)
    expect(isTrustedAppUrl('data:text/html,<script>1</script>', dev)).toBe(false)
    expect(isTrustedAppUrl('', dev)).toBe(false)
    expect(isTrustedAppUrl(undefined, dev)).toBe(false)
    expect(isTrustedAppUrl('not a url', dev)).toBe(false)
  })
})

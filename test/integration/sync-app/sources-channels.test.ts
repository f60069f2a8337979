// Sources and sync channels through dispatch against the loopback ITSM simulator: add (secret
// stored, never returned), list, run with progress and the watermark, a failing source's cause,
// FORBIDDEN for operators, and no token in any answer, event or log line.
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import { registerAfterSyncHook, type AfterSyncInfo } from '../../../src/main/core/sync/after-sync'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { DEFAULT_RETRY, defaultHttpDeps } from '../../../src/main/core/sources/http'
import { syncSource } from '../../../src/main/core/sync/engine'
import { KeychainUnavailableError, SecretUndecryptableError } from '../../../src/main/core/secrets'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-6f1c9b2e-very-secret'
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

const text = (value: unknown): string => JSON.stringify(value)

describe('sources channels', () => {
  it('stores the secret write-only and syncs the source to the watermark', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 300, token: TOKEN })
    app = appContext()
    const added = await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    expect(added).toMatchObject({
      name: 'prod',
      kind: 'itsm',
      url: sim.url,
      secret: 'stored',
      lastSuccessAt: null,
    })
    // The secret went to the store under the source's key, and nowhere into the answer or the database.
    expect(app.secrets.values.get(app.secretKey('prod', 'token'))).toBe(TOKEN)
    expect(text(added)).not.toContain(TOKEN)
    const configs = app.ws.store.sqlite.prepare('SELECT config FROM sources').all()
    expect(text(configs)).not.toContain(TOKEN)

    // The KPI engine's recalculation plugs in here; a failing hook must not stop the others.
    const seen: AfterSyncInfo[] = []
    const unhookFailing = registerAfterSyncHook(() => {
      throw new Error('hook failed')
    })
    const unhook = registerAfterSyncHook((info) => void seen.push(info))
    const answer = await app.ok('sync:run', {})
    expect(answer.started).toBe(true)
    expect(answer.status.state).toBe('running')
    // A second run while one is going is refused, not queued.
    expect((await app.ok('sync:run', {})).reason).toBe('busy')
    await app.sync.scheduler.idle()

    const status = await app.ok('sync:status', {})
    expect(status.state).toBe('idle')
    expect(status.lastRun?.outcomes).toEqual([
      expect.objectContaining({ source: 'prod', status: 'ok', error: null }),
    ])
    // A run that went well has nothing to explain in the log.
    const logged = await app.ok('sync:log', {})
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.map((e) => [e.status, e.cause]).filter(([s, c]) => s !== 'ok' || c !== null)).toEqual([])
    const n = app.ws.store.sqlite
      .prepare("SELECT count(*) AS n FROM service_requests WHERE source = 'itsm:prod'")
      .get() as { n: number }
    expect(n.n).toBe(300)
    expect(status.watermark).toBe(getWatermark(app.ws.store))
    expect(status.watermark).not.toBeNull()
    unhook()
    unhookFailing()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ reason: 'sync', result: { trigger: 'manual' } })

    const [listed] = await app.ok('sources:list', {})
    expect(listed?.lastSuccessAt).not.toBeNull()
    expect(listed?.lastError).toBeNull()
    expect(listed?.cursors.map((c) => c.entity)).toContain('srs')

    const progress = app.events.filter((e) => e.event === 'sync:progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)?.payload).toMatchObject({ source: 'prod', sourceIndex: 0, sourceCount: 1 })
    expect(app.events.map((e) => e.event)).toEqual(expect.arrayContaining(['sync:finished', 'data:changed']))
    expect(text(app.events)).not.toContain(TOKEN)
  })

  it('reports a wrong token as an auth failure with its cause, keeping no token in the error or the log', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 50, token: TOKEN })
    app = appContext()
    const wrong = 'wrong-token-0a9b8c7d6e5f'
    await app.ok('sources:add', { kind: 'itsm', name: 'bad', url: sim.url, token: wrong })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastError?.cause).toBe('auth')
    expect(view?.lastError?.message).toContain('401')
    const log = await app.ok('sync:log', {})
    expect(log[0]).toMatchObject({ source: 'itsm:bad', status: 'failed', cause: 'auth' })
    for (const secret of [wrong, TOKEN]) {
      expect(text(view)).not.toContain(secret)
      expect(text(log)).not.toContain(secret)
      expect(text(app.events)).not.toContain(secret)
      expect(text(app.ws.store.sqlite.prepare('SELECT * FROM sync_log').all())).not.toContain(secret)
    }
  })

  it('tests a connection through /me and records the ITSM account role', async () => {
    sim = await startItsmSimulator({
      seed: 5,
      srCount: 10,
      token: TOKEN,
      me: { name: '운영 관리자', role: 'admin' },
    })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    const result = await app.ok('sources:test', { name: 'prod' })
    expect(result).toEqual({ ok: true, account: { name: '운영 관리자', role: 'admin' }, error: null })
    expect((await app.ok('auth:status', {})).itsmAccount).toMatchObject({ source: 'prod', role: 'admin' })
  })

  it('updates the URL (cursors start over) and the secret, and removes the source with its secret', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 20, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: 'old-token-123' })
    await app.ok('sources:update', { name: 'prod', token: TOKEN })
    const key = app.secretKey('prod', 'token')
    expect(app.secrets.values.get(key)).toBe(TOKEN)
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const cursors = (await app.ok('sources:list', {}))[0]?.cursors
    expect(cursors?.length).toBeGreaterThan(0)
    const served = (): unknown[] =>
      app!.ws.store.sqlite
        .prepare("SELECT source_id FROM tenant_source_ids WHERE source = 'itsm:prod' ORDER BY source_id")
        .all()
    const ids = served()
    expect(ids.length).toBeGreaterThan(0)
    // The same server written another way (a trailing slash, the API path the connector drops): what
    // was read from it stays, and the next sync goes on where the last one ended.
    for (const url of [`${sim.url}/`, `${sim.url}/api/v1`, `${sim.url}/api/v1/`]) {
      const same = await app.ok('sources:update', { name: 'prod', url })
      expect(same.url).toBe(url)
      expect(same.cursors).toEqual(cursors)
    }
    expect(served()).toEqual(ids)
    // Another server (the same host behind a path prefix): its cursors start over.
    const moved = await app.ok('sources:update', { name: 'prod', url: `${sim.url}/itsm` })
    expect(moved.cursors).toEqual([])
    expect(served()).toEqual([])
    // An event still waiting for its SR (parked-events.ts) goes with the source.
    const parked = app.ws.store.sqlite.prepare(
      "INSERT INTO sr_events_parked (source, source_id, event, parked_at) VALUES (?, 'SR-X', '{}', 0)",
    )
    parked.run('itsm:prod')
    parked.run('itsm:other')
    expect(await app.ok('sources:remove', { name: 'prod' })).toEqual({ removed: true })
    expect(app.secrets.values.has(key)).toBe(false)
    expect(app.ws.store.sqlite.prepare('SELECT source FROM sr_events_parked').all()).toEqual([
      { source: 'itsm:other' },
    ])
    expect(await app.ok('sources:list', {})).toEqual([])
  })

  it("shows the CLI's later runs too: a later failure, then a later success clearing it", async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 40, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    const [appRun] = await app.ok('sources:list', {})
    const appSuccess = appRun?.lastSuccessAt ?? 0
    expect(appSuccess).toBeGreaterThan(0)
    expect(appRun?.lastRows).toBeGreaterThan(0)

    // A CLI run on the same workspace an hour later (the CLI writes the sync log only).
    const cliRun = (token: string, at: number) =>
      syncSource(
        app!.ws.store,
        createItsmConnector(
          { name: 'prod', url: sim!.url, token, retry: { ...DEFAULT_RETRY, maxAttempts: 1 } },
          defaultHttpDeps(),
        ),
        { full: true, now: () => at },
      )
    const hour = 3_600_000
    expect((await cliRun('wrong-token-1234', appSuccess + hour)).status).toBe('failed')
    const [failed] = await app.ok('sources:list', {})
    expect(failed).toMatchObject({
      lastSuccessAt: appSuccess,
      lastError: { at: appSuccess + hour, cause: 'auth' },
    })

    expect((await cliRun(TOKEN, appSuccess + 2 * hour)).status).toBe('ok')
    const [recovered] = await app.ok('sources:list', {})
    expect(recovered).toMatchObject({ lastSuccessAt: appSuccess + 2 * hour, lastError: null, lastRows: null })
  })

  it('a secret the keychain can no longer read hides no connection and can be entered again', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 20, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'broken', url: sim.url, token: TOKEN })
    await app.ok('sources:add', { kind: 'itsm', name: 'fine', url: sim.url, token: TOKEN })
    // The OS key changed under one stored secret: reading it throws until it is stored again.
    const damaged = new Set([app.secretKey('broken', 'token')])
    const { get, set } = app.secrets
    app.secrets.get = (name) =>
      damaged.has(name) ? Promise.reject(new SecretUndecryptableError(name)) : get(name)
    app.secrets.set = (name, value) => (damaged.delete(name), set(name, value))

    const listed = await app.ok('sources:list', {})
    expect(listed.map((v) => [v.name, v.secret])).toEqual([
      ['broken', 'unreadable'],
      ['fine', 'stored'],
    ])
    const test = await app.ok('sources:test', { name: 'broken' })
    expect(test).toMatchObject({ ok: false, error: { cause: 'secret_missing' } })
    // Said of the connection and its secret, not of the store's key; worded in the UI's language.
    expect(test.error?.message).toBe(
      'The token of source "broken" could not be decrypted (the OS key may have changed): enter it again ' +
        'in Settings → Connections',
    )
    expect(test.error?.reason).toEqual({
      code: 'secret_unreadable',
      params: { name: 'broken', secret: 'token' },
    })
    // A sync of it fails the same way, and the Sync screen shows it with its cause.
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    const views = await app.ok('sources:list', {})
    expect(views.find((v) => v.name === 'broken')?.lastError).toMatchObject({
      cause: 'secret_missing',
      reason: { code: 'secret_unreadable', params: { name: 'broken', secret: 'token' } },
    })
    expect(views.find((v) => v.name === 'fine')?.lastError).toBeNull()
    expect(await app.ok('sources:test', { name: 'fine' })).toMatchObject({ ok: true })

    const fixed = await app.ok('sources:update', { name: 'broken', token: TOKEN })
    expect(fixed.secret).toBe('stored')
    expect(await app.ok('sources:test', { name: 'broken' })).toMatchObject({ ok: true })
  })

  it('refuses admin channels to an operator with FORBIDDEN and changes nothing', async () => {
    app = appContext({ role: 'operator' })
    const add = await app.invoke('sources:add', {
      kind: 'itsm',
      name: 'x',
      url: 'http://127.0.0.1:2',
      token: 'abcd1234',
    })
    expect(add).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.ok('sources:list', {})).toEqual([])
    expect(app.secrets.values.size).toBe(0)
    for (const channel of ['sources:remove', 'sources:test'] as const) {
      expect(await app.invoke(channel, { name: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    }
    expect(await app.invoke('sources:update', { name: 'x', url: 'http://127.0.0.1:2' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('settles into one quiet offline state for a closed port', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise<void>((r) => server.close(() => r()))
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'away', url: `http://127.0.0.1:${port}`, token: TOKEN })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const status = await app.ok('sync:status', {})
    expect(status.state).toBe('offline')
    expect(status.offlineSince).not.toBeNull()
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastError?.cause).toBe('offline')
    // One failed run → one log entry, with the reason and without the token.
    const log = await app.ok('sync:log', {})
    expect(log).toHaveLength(1)
    expect(log[0]?.error).toContain('Cannot reach')
    expect(log[0]?.cause).toBe('offline')
    expect(text(log)).not.toContain(TOKEN)
  })

  it("turns a keychain that refuses into that source's failure, said in words", async () => {
    const refusing = {
      // What the app's store throws on a Linux without an unlocked keyring.
      get: () =>
        Promise.reject(
          new KeychainUnavailableError(
            'OS encryption (safeStorage) is not available. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.',
          ),
        ),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      list: () => Promise.resolve([]),
    }
    app = appContext({ runtime: { secrets: refusing } })
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: 'http://127.0.0.1:2', token: TOKEN })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastError?.message).toBe(
      'The token of source "prod" cannot be read: OS encryption (safeStorage) is not available. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.',
    )
    // Named by the connection and its secret, worded in the UI's language.
    expect(view?.lastError?.reason).toEqual({
      code: 'keychain_unavailable',
      params: { name: 'prod', secret: 'token' },
    })
    expect(app.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('failed')
  })

  it('answers bad requests with a clear message', async () => {
    app = appContext()
    const bad = await app.invoke('sources:add', { kind: 'itsm', name: 'Has Spaces', url: 'x', token: 't' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const badUrl = await app.invoke('sources:add', {
      kind: 'itsm',
      name: 'ok',
      url: 'not a url',
      token: 'tttt',
    })
    expect(badUrl).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('URL') },
    })
    // A token pasted with its line break could never be sent (and fetch's own error would quote it).
    const pasted = await app.invoke('sources:add', {
      kind: 'itsm',
      name: 'ok',
      url: 'http://127.0.0.1:2',
      token: 'sim-token\nSECRET-tail',
    })
    expect(pasted).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('visible ASCII characters only') },
    })
    expect(JSON.stringify(pasted)).not.toContain('SECRET-tail')
    expect(await app.ok('sources:list', {})).toEqual([])
  })
})

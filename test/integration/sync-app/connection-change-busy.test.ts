// A connection change the workspace cannot save because another task holds its write lock (a large
// file import writes for many seconds; while it does, the app's own writes give up after a quarter
// second) is all or nothing with its secrets too: the answer says nothing was saved, and nothing was,
// neither the settings nor the token or passwords given with them.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordSourceRun } from '../../../src/main/core/sync/source-status'
import { appContext, type AppContext } from './app-context'

let app: AppContext | undefined
let holder: Database.Database | undefined
afterEach(async () => {
  holder?.close()
  await app?.dispose()
  app = holder = undefined
})

/** Another connection holding the workspace's write lock, as the import worker's transaction does. */
function holdWriteLock(ctx: AppContext): Database.Database {
  const db = new Database(join(ctx.ws.dataDir, 'ops-console.db'))
  db.exec('BEGIN IMMEDIATE')
  ctx.ws.store.sqlite.pragma('busy_timeout = 50')
  return db
}

describe('a connection change the workspace is too busy to save', () => {
  it('keeps the settings and the secrets as they were, and says the workspace is busy', async () => {
    app = appContext()
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'snow',
      url: 'https://acme.service-now.com',
      user: 'svc.ops',
      password: 'old-password-1',
      proxy: 'http://proxy.example.go.kr:8080',
      proxyUser: 'ops',
      proxyPassword: 'old-proxy-2',
    })
    const secretsBefore = new Map(app.secrets.values)
    const [viewBefore] = await app.ok('sources:list', {})

    holder = holdWriteLock(app)
    // A new instance with its token (the user goes), and the proxy login removed (its password goes).
    const answer = await app.invoke('sources:update', {
      name: 'snow',
      url: 'https://other.service-now.com',
      user: null,
      token: 'new-token-3',
      proxyUser: null,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'BUSY', reason: { code: 'store_busy' } } })
    holder.exec('ROLLBACK')

    // Nothing of the change: the stored secrets are those before, the connection reads as before.
    expect(new Map(app.secrets.values)).toEqual(secretsBefore)
    expect(await app.ok('sources:list', {})).toEqual([viewBefore])
    expect(JSON.stringify(answer)).not.toMatch(/new-token-3|old-password-1|old-proxy-2/)

    // Once the workspace is free, the same change is saved whole.
    await app.ok('sources:update', {
      name: 'snow',
      url: 'https://other.service-now.com',
      user: null,
      token: 'new-token-3',
      proxyUser: null,
    })
    const saved = [...app.secrets.values.values()]
    expect(saved).toContain('new-token-3')
    expect(saved).not.toContain('old-proxy-2')
    // Signing in with a token now, the user's password is no longer kept either.
    expect(saved).not.toContain('old-password-1')
    expect((await app.ok('sources:list', {}))[0]).toMatchObject({
      url: 'https://other.service-now.com',
      user: null,
      proxyUser: null,
    })
  })

  it('a removal that cannot be saved whole removes nothing: the connection, its run record and its secret stay', async () => {
    app = appContext()
    await app.ok('sources:add', {
      kind: 'itsm',
      name: 'prod',
      url: 'https://itsm.example.go.kr',
      token: 'token-4',
    })
    // The connection's run record, as a sync leaves it: its last success shows in the list.
    const at = Date.parse('2026-03-18T06:00:00Z')
    recordSourceRun(
      app.ws.store,
      { kind: 'itsm', name: 'prod' },
      { status: 'ok', rows: 12, error: null, finishedAt: at },
    )
    const sqlite = app.ws.store.sqlite
    const key = 'sync_source:itsm:prod'
    expect((await app.ok('sources:list', {}))[0]?.lastSuccessAt).toBe(at)
    // The store refuses the second of the removal's writes (as a disk failing part-way would).
    sqlite.exec(`CREATE TEMP TRIGGER refuse_meta BEFORE DELETE ON workspace_meta
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
    const answer = await app.invoke('sources:remove', { name: 'prod' })
    expect(answer.ok).toBe(false)
    sqlite.exec('DROP TRIGGER refuse_meta')
    expect((await app.ok('sources:list', {})).map((s) => [s.name, s.lastSuccessAt])).toEqual([['prod', at]])
    expect([...app.secrets.values.values()]).toEqual(['token-4'])
    // Removed whole once the store takes it.
    expect(await app.ok('sources:remove', { name: 'prod' })).toEqual({ removed: true })
    expect(sqlite.prepare('SELECT count(*) AS n FROM workspace_meta WHERE key = ?').get(key)).toEqual({
      n: 0,
    })
    expect(await app.ok('sources:list', {})).toEqual([])
  })
})

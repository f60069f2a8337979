// A connection change the workspace cannot save because another task holds its write lock (a large
// file import writes for many seconds; while it does, the app's own writes give up after a quarter
// second) is all or nothing with its secrets too: the answer says nothing was saved, and nothing was,
// neither the settings nor the token or passwords given with them.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
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
    expect((await app.ok('sources:list', {}))[0]).toMatchObject({
      url: 'https://other.service-now.com',
      user: null,
      proxyUser: null,
    })
  })
})

// The promise of the connection secrets (SPEC §9, §10): never in plain text on disk, never to the
// renderer, never in logs. ServiceNow connections with a password, a bearer token and a proxy login
// are added, tested and synced through the app's core handlers (the sync in its worker thread, as in
// the app), against a simulator whose refused logins quote the request and the Authorization header
// they got (a gateway in debug mode); then every answer, event, log line and every file of the
// workspace folder (the database with its -wal and -shm) is searched for the secrets in any form.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy'
import { appContext, type AppContext } from './app-context'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/sync-worker.ts', import.meta.url).href

/** A wrong password with characters that quoting changes (percent, JSON and HTML escapes, spaces). */
const PASSWORD = 'Wr0ng "pass"  w/ <%&> 9c1d7e'
/** A wrong bearer token (a JWT's shape), long enough that the server's words are cut in its middle. */
const TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMtY29uc29sZSIsImV4cCI6MTc5NTM5NzE1NH0.' +
  'Qm9ndXNTaWduYXR1cmVfN2YzYTljMmUxYjBkNGY2YThlNWMzYjFkOWY3ZTJhNGM2YjhkMGYxZTNhNWM3Yjlk'
const PROXY = { user: 'proxyops', password: 'pr0xy-S3cret-4b2e' }

/** Every form a secret may take in text or bytes: as it is, encoded, and the Basic header's form. */
function forms(secret: string, user?: string): string[] {
  const out = [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
  ]
  if (user) out.push(Buffer.from(`${user}:${secret}`).toString('base64'))
  return out
}
/** The forms above, and every run of 10 of their characters (a secret cut short leaves a run). */
function pieces(secret: string, user?: string): string[] {
  const runs: string[] = []
  for (const form of forms(secret, user))
    for (let i = 0; i + 10 <= form.length; i += 3) runs.push(form.slice(i, i + 10))
  return [...forms(secret, user), ...runs]
}
const SECRETS = [...pieces(PASSWORD, 'integration'), ...pieces(TOKEN), ...pieces(PROXY.password, PROXY.user)]

/** The pieces of a secret found in `text` (none, when nothing leaked). */
function leaks(text: string): string[] {
  return SECRETS.filter((p) => text.includes(p))
}

/** Every file under `dir` (the workspace folder), with its bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else out.push({ path, bytes: readFileSync(path) })
  }
  return out
}

let app: AppContext | undefined
let sim: SnSimulator | undefined
let proxy: ConnectProxy | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await app?.dispose()
  await sim?.close()
  await proxy?.close()
  app = undefined
  sim = undefined
  proxy = undefined
})

describe('connection secrets', () => {
  it('reach no answer, event, log line or file of the workspace, even when the server echoes them', async () => {
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '))
      })
    sim = await startServiceNowSimulator({ seed: 4, count: 30, faults: { echoAuthorization: true } })
    proxy = await startConnectProxy({ login: PROXY })
    app = appContext({
      runtime: (ws) => ({
        worker: { file: bootstrap, workspace: { dataDir: ws.dataDir }, extraData: { tsEntry } },
      }),
    })
    const answers: unknown[] = []
    const ok = async <T>(call: Promise<T>): Promise<T> => {
      const data = await call
      answers.push(data)
      return data
    }
    answers.push(
      await ok(
        app.ok('sources:add', {
          kind: 'servicenow',
          name: 'sn-basic',
          url: sim.url,
          user: 'integration',
          password: PASSWORD,
          proxy: proxy.url,
          proxyUser: PROXY.user,
          proxyPassword: PROXY.password,
        }),
      ),
      await ok(app.ok('sources:add', { kind: 'servicenow', name: 'sn-bearer', url: sim.url, token: TOKEN })),
    )
    // The secrets went to the secret store, under the sources' keys.
    expect(app.secrets.values.get(app.secretKey('sn-basic', 'password'))).toBe(PASSWORD)
    expect(app.secrets.values.get(app.secretKey('sn-basic', 'proxyPassword'))).toBe(PROXY.password)
    expect(app.secrets.values.get(app.secretKey('sn-bearer', 'token'))).toBe(TOKEN)

    const tested = [
      await ok(app.ok('sources:test', { name: 'sn-basic' })),
      await ok(app.ok('sources:test', { name: 'sn-bearer' })),
    ]
    for (const t of tested) expect(t).toMatchObject({ ok: false, error: { cause: 'auth' } })
    // Through the proxy, with its login: the proxy accepted it, the server refused the password.
    expect(proxy.logins).toContain(`${PROXY.user}:${PROXY.password}`)

    await ok(app.ok('sync:run', {}))
    await app.sync.scheduler.idle()
    const status = await ok(app.ok('sync:status', {}))
    expect(status.lastRun?.outcomes.map((o) => [o.source, o.status])).toEqual([
      ['sn-basic', 'failed'],
      ['sn-bearer', 'failed'],
    ])
    const log = await ok(app.ok('sync:log', {}))
    const listed = await ok(app.ok('sources:list', {}))
    expect(listed.map((s) => s.lastError?.cause)).toEqual(['auth', 'auth'])
    // The server did echo the headers, and what it said is shown with them redacted. The token's
    // header is long enough that the length limit on the server's words falls in its middle.
    const said = log.map((e) => e.reason?.params?.['said'])
    expect(said).toEqual([
      expect.stringMatching(/Authorization: \[redacted\] on GET \/api\/now\/table\/incident\?/),
      expect.stringMatching(/Authorization: \[redacted\] on GET \/api\/now\/table\/incident\?/),
    ])

    const seen = {
      answers: JSON.stringify(answers),
      events: JSON.stringify(app.events),
      console: logged.join('\n'),
      syncLog: JSON.stringify(app.ws.store.sqlite.prepare('SELECT * FROM sync_log').all()),
      meta: JSON.stringify(app.ws.store.sqlite.prepare('SELECT * FROM workspace_meta').all()),
      sources: JSON.stringify(app.ws.store.sqlite.prepare('SELECT * FROM sources').all()),
    }
    for (const [where, text] of Object.entries(seen)) expect(leaks(text), where).toEqual([])

    // On disk: the database, its write-ahead log and shared memory, and anything else in the folder.
    const files = filesUnder(app.ws.dataDir)
    expect(files.map((f) => f.path).some((p) => p.endsWith('-wal'))).toBe(true)
    for (const { path, bytes } of files) {
      const found = SECRETS.filter((p) => bytes.includes(Buffer.from(p)))
      expect(found, path).toEqual([])
    }
  })
})

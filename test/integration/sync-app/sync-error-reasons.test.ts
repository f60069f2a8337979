// A failed sync or connection test carries its reason (a code and params) next to the English
// message, so the app words it in its own language: in the sync log, the source's last error and the
// connection test, against the loopback simulators. A log entry written before reasons were kept
// still reads (reason null), and a token a server echoes back is in no message, param or stored row.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-sync-reasons-5c3a'
const PASSWORD = 'sn-password-sync-reasons-81d2'
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
let sn: SnSimulator | undefined
let echo: Server | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  await sn?.close()
  await new Promise((resolve) => (echo ? echo.close(resolve) : resolve(undefined)))
  app = sim = sn = echo = undefined
})

/** A loopback port nothing listens on (one a server just gave back). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Runs every source once; the run's first outcome. */
async function sync(ctx: AppContext) {
  ctx.sync.scheduler.runNow()
  await ctx.sync.scheduler.idle()
  return ctx.sync.scheduler.status().lastRun?.outcomes[0]
}

/** What each screen is given about the failure of `name`: the sync log's newest entry, the source view, the test. */
async function seen(ctx: AppContext, name: string) {
  const log = (await ctx.ok('sync:log', {}))[0]
  const view = (await ctx.ok('sources:list', {})).find((s) => s.name === name)
  const test = await ctx.ok('sources:test', { name })
  return { log: log?.reason, view: view?.lastError?.reason, test: test.error?.reason }
}

describe('sync failures carry their reason', () => {
  it('a wrong token: http_auth with the URL, what the server said and where, in all three places', async () => {
    sim = await startItsmSimulator({ seed: 3, srCount: 10, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'wrong-token', url: sim.url, token: 'not-the-token' })
    const outcome = await sync(app)
    expect(outcome?.error?.message).toContain('The server refused the credentials (401)')
    const said = 'Missing or invalid bearer token'
    const where = { source: 'wrong-token', kind: 'itsm', entity: 'tenants' }
    const expected = { code: 'http_auth', params: { status: 401, url: `${sim.url}/api/v1/tenants`, said } }
    expect(outcome?.error?.reason).toEqual({ ...expected, params: { ...expected.params, ...where } })
    const { log, view, test } = await seen(app, 'wrong-token')
    expect(log).toEqual({ ...expected, params: { ...expected.params, ...where } })
    expect(view).toEqual(log)
    // The test asks /me and names no data being read.
    expect(test).toEqual({ code: 'http_auth', params: { status: 401, url: `${sim.url}/api/v1/me`, said } })
  })

  it('a URL whose API is not there (404) and a misspelt ServiceNow table', async () => {
    sim = await startItsmSimulator({ seed: 3, srCount: 10, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'moved', url: `${sim.url}/itsm`, token: TOKEN })
    await sync(app)
    const { log, view, test } = await seen(app, 'moved')
    const url = `${sim.url}/itsm/api/v1/tenants`
    expect(log).toEqual({
      code: 'http_not_found',
      params: {
        status: 404,
        url,
        said: 'No such endpoint /itsm/api/v1/tenants',
        source: 'moved',
        kind: 'itsm',
        entity: 'tenants',
      },
    })
    expect(view).toEqual(log)
    expect(test).toMatchObject({ code: 'http_not_found', params: { url: `${sim.url}/itsm/api/v1/me` } })

    sn = await startServiceNowSimulator({ seed: 3, count: 10, user: 'integration', password: PASSWORD })
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sn.url,
      table: 'incidnet',
      user: 'integration',
      password: PASSWORD,
    })
    await app.ok('sources:remove', { name: 'moved' })
    await sync(app)
    const table = await seen(app, 'sn')
    // The instance's "Invalid table" is the connection's table name (cause not_found), not a request
    // rejected for no reason the user can act on.
    expect(table.log).toMatchObject({
      code: 'servicenow_invalid_table',
      params: {
        table: 'incidnet',
        url: `${sn.url}/api/now/table/incidnet`,
        said: 'Invalid table incidnet',
        source: 'sn',
        kind: 'servicenow',
        entity: 'srs',
      },
    })
    expect(table.view).toEqual(table.log)
    expect(table.test).toMatchObject({
      code: 'servicenow_invalid_table',
      params: { table: 'incidnet', said: 'Invalid table incidnet' },
    })
    const listed = (await app.ok('sources:list', {})).find((s) => s.name === 'sn')
    expect(listed?.lastError?.cause).toBe('not_found')
  })

  it('an unknown ServiceNow state names the code, its label and how to map it', async () => {
    sn = await startServiceNowSimulator({ seed: 3, count: 30, user: 'integration', password: PASSWORD })
    sn.update(sn.records[4]!, { state: { value: '4', display_value: 'Awaiting User Info' } })
    app = appContext()
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sn.url,
      user: 'integration',
      password: PASSWORD,
    })
    expect((await sync(app))?.status).toBe('failed')
    const { log, view, test } = await seen(app, 'sn')
    expect(log).toMatchObject({
      code: 'servicenow_unknown_state',
      params: {
        table: 'incident',
        count: 1,
        states: '4 (Awaiting User Info)',
        name: 'sn',
        example: '4=STATUS',
        source: 'sn',
        kind: 'servicenow',
        entity: 'srs',
        detail: expect.stringContaining('unknown state "4" (Awaiting User Info)'),
        more: 0,
      },
    })
    // The record, field and problem as codes, for the app to word record by record.
    const record = sn.records[4]!
    expect(JSON.parse(String(log?.params?.['records']))).toEqual([
      {
        sysId: (record['sys_id'] as { value: string }).value,
        number: (record['number'] as { value: string }).value,
        field: 'state',
        code: 'unknown_state',
        params: { value: '4', label: 'Awaiting User Info', mapped: '1, 2, 3, 6, 7, 8' },
      },
    ])
    expect(view).toEqual(log)
    // The Sync screen's cause: the connection's map (not the server's data) is what to fix.
    const [source] = await app.ok('sources:list', {})
    expect(source?.lastError?.cause).toBe('unknown_state')
    // The test reads no incidents: it passes.
    expect(test).toBeUndefined()
  })

  it('a rejected ITSM row names its entity, id and field', async () => {
    sim = await startItsmSimulator({ seed: 3, srCount: 30, token: TOKEN })
    const sr = sim.data.srs[5]!
    sim.mutate((m) => m.update('srs', sr.id, { priority: 'urgent' as never, updated_at: sr.updated_at }))
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    expect((await sync(app))?.status).toBe('failed')
    const { log, view } = await seen(app, 'prod')
    expect(log).toEqual({
      code: 'itsm_row_rejected',
      params: {
        source: 'prod',
        kind: 'itsm',
        entity: 'srs',
        row: JSON.stringify(sr.id),
        item: expect.any(Number),
        field: 'priority',
        problem: expect.any(String),
        issue: 'not_one_of',
        values: '"P1", "P2", "P3", "P4"',
      },
    })
    expect(view).toEqual(log)
  })

  it('a server that cannot be reached (offline) and one asking to wait for hours', async () => {
    app = appContext({ runtime: { timeZone: () => 'Asia/Seoul' } })
    const closed = `http://127.0.0.1:${await closedPort()}`
    await app.ok('sources:add', { kind: 'itsm', name: 'down', url: closed, token: TOKEN })
    expect((await sync(app))?.status).toBe('offline')
    const down = await seen(app, 'down')
    expect(down.log).toMatchObject({
      code: 'unreachable',
      params: {
        url: `${closed}/api/v1/tenants`,
        detail: expect.stringContaining('ECONNREFUSED'),
        attempts: 6,
        source: 'down',
        entity: 'tenants',
      },
    })
    expect(down.view).toEqual(down.log)
    expect(down.test).toMatchObject({ code: 'unreachable', params: { url: `${closed}/api/v1/me` } })
    await app.ok('sources:remove', { name: 'down' })

    sim = await startItsmSimulator({
      seed: 3,
      srCount: 10,
      token: TOKEN,
      faults: { rateLimit: 1, retryAfterSeconds: 7200 },
    })
    await app.ok('sources:add', { kind: 'itsm', name: 'limited', url: sim.url, token: TOKEN })
    await sync(app)
    const limited = await seen(app, 'limited')
    const until = expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Asia\/Seoul\)$/)
    expect(limited.log).toEqual({
      code: 'wait_too_long',
      params: {
        status: 429,
        url: `${sim.url}/api/v1/tenants`,
        said: 'Too many requests',
        until,
        source: 'limited',
        kind: 'itsm',
        entity: 'tenants',
      },
    })
    expect(limited.view).toEqual(limited.log)
    expect(limited.test).toMatchObject({ code: 'wait_too_long', params: { status: 429, until } })
  })

  it('a /me that does not answer { name, role }: itsm_me_invalid, the connection named once at the end', async () => {
    // A server that answers /me, but not with the protocol's account.
    echo = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ user: 'ops' }))
    })
    await new Promise<void>((resolve) => echo!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'whoami', url, token: TOKEN })
    const test = await app.ok('sources:test', { name: 'whoami' })
    // Before: 'ITSM source "whoami": http://…/api/v1/me did not answer …', in other words than a
    // sync's failures, which end with the connection as the English Sync screen names it.
    expect(test.error?.message).toBe(
      `${url}/api/v1/me did not answer { name, role } (field "name": Invalid input: expected string, received undefined) (ITSM REST connection "whoami")`,
    )
    // The app words it from the reason, whose params are as they were.
    expect(test.error).toMatchObject({
      cause: 'malformed',
      reason: {
        code: 'itsm_me_invalid',
        params: {
          source: 'whoami',
          url: `${url}/api/v1/me`,
          detail: 'field "name": Invalid input: expected string, received undefined',
        },
      },
    })
  })

  it('a connection test that reached the server names the connection; a missing secret names it already', async () => {
    sim = await startItsmSimulator({ seed: 3, srCount: 10, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'wrong-token', url: sim.url, token: 'not-the-token' })
    const test = await app.ok('sources:test', { name: 'wrong-token' })
    expect(test.error?.message).toMatch(
      /^The server refused the credentials \(401\) at .*\(ITSM REST connection "wrong-token"\)$/,
    )
    expect(test.error?.reason).toEqual({
      code: 'http_auth',
      params: { status: 401, url: `${sim.url}/api/v1/me`, said: 'Missing or invalid bearer token' },
    })
    await app.secrets.delete(app.secretKey('wrong-token', 'token'))
    const missing = await app.ok('sources:test', { name: 'wrong-token' })
    expect(missing.error?.message).toBe(
      'No token for ITSM REST connection "wrong-token": add it in Settings → Connections',
    )
  })

  it('no token stored keeps the core reason secret_missing', async () => {
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'no-secret', url: 'http://127.0.0.1:2', token: TOKEN })
    await app.secrets.delete(app.secretKey('no-secret', 'token'))
    await sync(app)
    const view = (await app.ok('sources:list', {}))[0]
    expect(view?.lastError?.reason).toEqual({
      code: 'secret_missing',
      params: { name: 'no-secret', secret: 'token' },
    })
    expect((await app.ok('sources:test', { name: 'no-secret' })).error?.reason).toEqual(
      view?.lastError?.reason,
    )
  })

  it('the cause on every screen follows the reason, not a word of the name or URL in the message', async () => {
    // A gateway answering 400 without saying why: http_rejected, no specific cause. The connection's
    // name and the URL's path hold "cursor", which the message rules (for entries without a reason)
    // read as bad data.
    echo = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' })
      res.end('<html><title>Bad request</title></html>')
    })
    await new Promise<void>((resolve) => echo!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/cursor-gateway`
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'cursor-lab', url, token: TOKEN })
    const outcome = await sync(app)
    expect(outcome?.error?.message).toContain('cursor')
    expect(outcome?.error).toMatchObject({ cause: 'other', reason: { code: 'http_rejected' } })
    // The sync log shows no cause for 'other'.
    const log = (await app.ok('sync:log', {}))[0]
    expect(log).toMatchObject({ status: 'failed', cause: null, reason: { code: 'http_rejected' } })
    const view = (await app.ok('sources:list', {}))[0]
    expect(view?.lastError).toMatchObject({ cause: 'other', reason: { code: 'http_rejected' } })
    const test = await app.ok('sources:test', { name: 'cursor-lab' })
    expect(test.error?.message).toContain('/cursor-gateway/api/v1/me')
    expect(test.error).toMatchObject({ cause: 'other', reason: { code: 'http_rejected' } })
    // Without the app's own record of the run, the source's last error is read from the sync log.
    app.ws.store.sqlite.prepare('DELETE FROM workspace_meta WHERE key = ?').run('sync_source:itsm:cursor-lab')
    const fromLog = (await app.ok('sources:list', {}))[0]
    expect(fromLog?.lastError).toMatchObject({ cause: 'other', reason: { code: 'http_rejected' } })
  })

  it('a log entry written before reasons were kept reads with reason null', async () => {
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'old', url: 'http://127.0.0.1:2', token: TOKEN })
    const at = Date.now() + 1000
    app.ws.store.sqlite
      .prepare(
        `INSERT INTO sync_log (source, entity, started_at, finished_at, status, rows, pages, error)
         VALUES ('itsm:old', 'tenants', ?, ?, 'failed', 0, 0, ?)`,
      )
      .run(
        at,
        at,
        'The server refused the credentials (401) at http://127.0.0.1:2/api/v1/tenants (itsm source "old", tenants)',
      )
    const log = (await app.ok('sync:log', {}))[0]
    expect(log).toMatchObject({ status: 'failed', cause: 'auth', reason: null })
    const view = (await app.ok('sources:list', {}))[0]
    expect(view?.lastError).toMatchObject({ cause: 'auth', reason: null })
  })

  it('a token the server echoes back is in neither the message, the params nor the stored reason', async () => {
    const secret = 'echoed-secret-token-9f8e7d'
    echo = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `Bad credentials: ${req.headers.authorization ?? ''}` } }))
    })
    await new Promise<void>((resolve) => echo!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'echo', url, token: secret })
    const outcome = await sync(app)
    expect(outcome?.error?.reason).toMatchObject({ code: 'http_auth', params: { said: expect.any(String) } })
    expect(JSON.stringify(outcome)).not.toContain(secret)
    const stored = app.ws.store.sqlite.prepare('SELECT error, error_reason FROM sync_log').all()
    expect(JSON.stringify(stored)).toContain('http_auth')
    expect(JSON.stringify(stored)).not.toContain(secret)
    const screens = await seen(app, 'echo')
    expect(JSON.stringify(screens)).toContain('[redacted]')
    expect(JSON.stringify(screens)).not.toContain(secret)
    expect(JSON.stringify(await app.ok('sources:list', {}))).not.toContain(secret)
  })
})

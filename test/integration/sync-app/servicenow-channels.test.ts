// A ServiceNow source added through the channels: basic auth keeps the password in the secret
// store only, bearer mode keeps a token; both sync from the loopback Table API simulator.
import { afterEach, describe, expect, it } from 'vitest'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { appContext, type AppContext } from './app-context'

const PASSWORD = 'sn-password-47f1e0c2'
const TOKEN = 'sn-bearer-token-90ab12cd'
let app: AppContext | undefined
let sim: SnSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

const srCount = (ctx: AppContext, source: string): number =>
  (
    ctx.ws.store.sqlite
      .prepare('SELECT count(*) AS n FROM service_requests WHERE source = ?')
      .get(source) as {
      n: number
    }
  ).n

describe('ServiceNow sources through the channels', () => {
  it('syncs with basic auth; the password lives only in the secret store', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 80, user: 'integration', password: PASSWORD })
    app = appContext()
    const view = await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'integration',
      password: PASSWORD,
    })
    expect(view).toMatchObject({
      kind: 'servicenow',
      table: 'incident',
      user: 'integration',
      secret: 'stored',
    })
    expect(app.secrets.values.get(app.secretKey('sn', 'password'))).toBe(PASSWORD)
    expect(JSON.stringify(app.ws.store.sqlite.prepare('SELECT config FROM sources').all())).not.toContain(
      PASSWORD,
    )
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    expect(app.sync.scheduler.status().lastRun?.outcomes[0]).toMatchObject({ status: 'ok', error: null })
    expect(srCount(app, 'servicenow:sn')).toBeGreaterThan(0)
  })

  it('switches to a bearer token through sources:update', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 40, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'nobody',
      password: 'wrong-pass',
    })
    const switched = await app.ok('sources:update', { name: 'sn', user: null, token: TOKEN })
    expect(switched).toMatchObject({ user: null, secret: 'stored' })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    expect(app.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('ok')
  })

  it('refuses a ServiceNow user without a password', async () => {
    app = appContext()
    const result = await app.invoke('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: 'http://127.0.0.1:9',
      user: 'integration',
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'A ServiceNow user needs its password' },
    })
    expect(await app.ok('sources:list', {})).toEqual([])
  })
})

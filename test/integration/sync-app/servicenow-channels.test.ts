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

  it('takes a state map from Settings: an unknown state stops the sync until it is mapped', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 60, user: 'integration', password: PASSWORD })
    const awaiting = sim.records[7]!
    sim.update(awaiting, { state: { value: '4', display_value: 'Awaiting User Info' } })
    app = appContext()
    const added = await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'integration',
      password: PASSWORD,
      stateMap: { '-5': 'OPEN' },
    })
    expect(added.stateMap).toEqual({ '-5': 'OPEN' })
    const run = async () => {
      app!.sync.scheduler.runNow()
      await app!.sync.scheduler.idle()
      return app!.sync.scheduler.status().lastRun?.outcomes[0]
    }
    const stuck = await run()
    expect(stuck?.status).toBe('failed')
    expect(stuck?.error?.message).toContain('unknown state "4" (Awaiting User Info)')
    expect(stuck?.error?.message).toContain('Settings → Connections → Edit → State codes')

    // The admin maps 4 in the form: the next sync reads the incident as PENDING.
    const mapped = await app.ok('sources:update', { name: 'sn', stateMap: { '4': 'PENDING', '-5': 'OPEN' } })
    expect(mapped.stateMap).toEqual({ '4': 'PENDING', '-5': 'OPEN' })
    expect((await run())?.status).toBe('ok')
    const row = app.ws.store.sqlite
      .prepare("SELECT status FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?")
      .get(awaiting['sys_id']?.value) as { status: string }
    expect(row.status).toBe('PENDING')
    expect(srCount(app, 'servicenow:sn')).toBe(60)

    // null (an emptied field) removes the map; the user and password stay as they were.
    const cleared = await app.ok('sources:update', { name: 'sn', stateMap: null })
    expect(cleared).toMatchObject({ stateMap: null, user: 'integration', secret: 'stored' })
    // A bad map is refused whole, naming what is wrong; the stored map is untouched.
    const bad = await app.invoke('sources:update', { name: 'sn', stateMap: { '4': 'WAITING' } })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('"WAITING" is not a status') },
    })
    // An ITSM REST source has no state codes.
    await app.ok('sources:add', { kind: 'itsm', name: 'itsm', url: sim.url, token: 'itsm-token-1234' })
    expect(await app.invoke('sources:update', { name: 'itsm', stateMap: { '4': 'PENDING' } })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringContaining(
          'no table, user, password, state map, priority map or re-read margin',
        ),
      },
    })
  })

  it('takes a priority map from Settings: an unknown priority code stops the sync until it is mapped', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 60, user: 'integration', password: PASSWORD })
    const emergency = sim.records[7]!
    sim.update(emergency, { priority: { value: '0', display_value: '0 - Emergency' } })
    app = appContext()
    const added = await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'integration',
      password: PASSWORD,
      priorityMap: { '6': 'P4' },
    })
    expect(added).toMatchObject({ priorityMap: { '6': 'P4' }, stateMap: null })
    const run = async () => {
      app!.sync.scheduler.runNow()
      await app!.sync.scheduler.idle()
      return app!.sync.scheduler.status().lastRun?.outcomes[0]
    }
    const stuck = await run()
    expect(stuck?.status).toBe('failed')
    expect(stuck?.error?.message).toContain('unknown priority "0" (0 - Emergency)')
    expect(stuck?.error?.message).toContain('Settings → Connections → Edit → Priority codes')
    expect(stuck?.error?.reason).toMatchObject({
      code: 'servicenow_unknown_priority',
      params: { codes: '0 (0 - Emergency)', name: 'sn', example: '0=PRIORITY' },
    })
    // The connections list says why, for the Sync screen's advice.
    const [listed] = await app.ok('sources:list', {})
    expect(listed?.lastError?.cause).toBe('unknown_priority')

    // The admin maps 0 in the form: the next sync reads the incident as P1.
    const mapped = await app.ok('sources:update', { name: 'sn', priorityMap: { '0': 'P1', '6': 'P4' } })
    expect(mapped.priorityMap).toEqual({ '0': 'P1', '6': 'P4' })
    expect((await run())?.status).toBe('ok')
    const row = app.ws.store.sqlite
      .prepare("SELECT priority FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?")
      .get(emergency['sys_id']?.value) as { priority: string }
    expect(row.priority).toBe('P1')
    expect(srCount(app, 'servicenow:sn')).toBe(60)

    // An update that leaves the field out keeps the map; null (an emptied field) removes it, and the
    // state map, user and password stay as they were.
    await app.ok('sources:update', { name: 'sn', stateMap: { '4': 'PENDING' } })
    expect((await app.ok('sources:update', { name: 'sn', url: sim.url })).priorityMap).toEqual({
      '0': 'P1',
      '6': 'P4',
    })
    const cleared = await app.ok('sources:update', { name: 'sn', priorityMap: null })
    expect(cleared).toMatchObject({
      priorityMap: null,
      stateMap: { '4': 'PENDING' },
      user: 'integration',
      secret: 'stored',
    })
    // A bad map is refused whole, naming what is wrong; the stored map is untouched.
    await app.ok('sources:update', { name: 'sn', priorityMap: { '0': 'P1' } })
    for (const priorityMap of [{ '0': 'P5' }, { Emergency: 'P1' }, { '0': 'p1' }] as Record<
      string,
      string
    >[]) {
      const bad = await app.invoke('sources:update', { name: 'sn', priorityMap })
      expect(bad, JSON.stringify(priorityMap)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(
      await app.invoke('sources:add', {
        kind: 'servicenow',
        name: 'sn2',
        url: sim.url,
        token: 'tok-1234',
        priorityMap: { '0': 'P0' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('"P0" is not a priority') },
    })
    expect((await app.ok('sources:list', {}))[0]?.priorityMap).toEqual({ '0': 'P1' })
    // An ITSM REST source has no priority codes.
    await app.ok('sources:add', { kind: 'itsm', name: 'itsm', url: sim.url, token: 'itsm-token-1234' })
    expect(await app.invoke('sources:update', { name: 'itsm', priorityMap: { '0': 'P1' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('priority map') },
    })
    // Nor can one be added with them (the contract refuses the field: a typed caller cannot send it).
    const itsmWithMap = { kind: 'itsm', name: 'itsm2', url: sim.url, token: 'itsm-token-1234' } as const
    expect(
      await app.invoke('sources:add', { ...itsmWithMap, priorityMap: { '0': 'P1' } } as typeof itsmWithMap),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('takes a re-read margin: each sync then starts that many seconds before its position', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 60, user: 'integration', password: PASSWORD })
    app = appContext()
    const added = await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'integration',
      password: PASSWORD,
      resumeMarginSeconds: 900,
    })
    expect(added.resumeMarginSeconds).toBe(900)
    const firstQueryOfNextRun = async (): Promise<string> => {
      const before = sim!.requests.length
      app!.sync.scheduler.runNow()
      await app!.sync.scheduler.idle()
      expect(app!.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('ok')
      return String(sim!.requests[before]!.query['sysparm_query'])
    }
    expect(await firstQueryOfNextRun()).not.toMatch(/^sys_updated_on>=/) // the first run reads all
    const position = () => {
      const cursor = app!.ws.store.sqlite
        .prepare("SELECT cursor FROM sync_state WHERE source = 'servicenow:sn' AND entity = 'srs'")
        .get() as { cursor: string }
      return Date.parse(
        `${(JSON.parse(cursor.cursor) as { updatedOn: string }).updatedOn.replace(' ', 'T')}Z`,
      )
    }
    const from = (query: string): number => {
      const at = /^sys_updated_on>=(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\^/.exec(query)?.[1]
      return Date.parse(`${at!.replace(' ', 'T')}Z`)
    }
    // 15 minutes before the stored position.
    let at = position()
    expect(at - from(await firstQueryOfNextRun())).toBe(900_000)

    // Back to the default minute (an emptied field), then 2 hours; other settings stay.
    const reset = await app.ok('sources:update', { name: 'sn', resumeMarginSeconds: null })
    expect(reset).toMatchObject({ resumeMarginSeconds: 60, user: 'integration', secret: 'stored' })
    at = position()
    expect(at - from(await firstQueryOfNextRun())).toBe(60_000)
    expect(
      (await app.ok('sources:update', { name: 'sn', resumeMarginSeconds: 7200 })).resumeMarginSeconds,
    ).toBe(7200)
    at = position()
    expect(at - from(await firstQueryOfNextRun())).toBe(7_200_000)

    // Under a minute, over a day or not whole seconds: refused, the stored margin untouched.
    for (const resumeMarginSeconds of [59, 86_401, 90.5]) {
      const bad = await app.invoke('sources:update', { name: 'sn', resumeMarginSeconds })
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    const [view] = await app.ok('sources:list', {})
    expect(view?.resumeMarginSeconds).toBe(7200)
    // An ITSM REST source has none.
    await app.ok('sources:add', { kind: 'itsm', name: 'itsm', url: sim.url, token: 'itsm-token-1234' })
    expect((await app.ok('sources:list', {})).find((v) => v.name === 'itsm')?.resumeMarginSeconds).toBeNull()
    expect(await app.invoke('sources:update', { name: 'itsm', resumeMarginSeconds: 600 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('re-read margin') },
    })
  })

  it('refuses a ServiceNow user without a password', async () => {
    app = appContext()
    const result = await app.invoke('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: 'http://127.0.0.1:2',
      user: 'integration',
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'A ServiceNow user needs its password' },
    })
    expect(await app.ok('sources:list', {})).toEqual([])
  })

  it('takes the Table API address for the instance, and its table when none is given', async () => {
    app = appContext()
    const instance = 'https://acme.service-now.com'
    const added = await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: `${instance}/api/now/table/sc_req_item?sysparm_limit=10`,
      user: 'integration',
      password: PASSWORD,
    })
    expect(added).toMatchObject({ url: instance, table: 'sc_req_item' })
    const moved = await app.ok('sources:update', { name: 'sn', url: `${instance}/api/now/v2/table/problem` })
    expect(moved).toMatchObject({ url: instance, table: 'problem' })
    const refused = await app.invoke('sources:update', {
      name: 'sn',
      url: `${instance}/api/now/table/incident`,
      table: 'change_request',
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        reason: {
          code: 'source_config_invalid',
          params: {
            problems: expect.stringContaining(
              'The URL names the table "incident" but the connection\'s table is "change_request"',
            ),
          },
        },
      },
    })
    expect(await app.ok('sources:list', {})).toEqual([
      expect.objectContaining({ name: 'sn', url: instance, table: 'problem' }),
    ])
  })
})

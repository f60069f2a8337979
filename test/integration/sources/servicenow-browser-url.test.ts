// A connection's URL pasted from the browser's address bar on a list or a record of the instance
// (classic UI, Next Experience, nav_to.do) is stored as the instance's address, and the table the
// page shows becomes the connection's when none is given with it. A sync through such an address
// read a web page instead of JSON; now it reads the table.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { addSource, connectorFor, envSecrets, getSource } from '../../../src/main/core/sources/registry'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const NOW = Date.parse('2026-03-18T06:00:00Z')
const LIST =
  '/now/nav/ui/classic/params/target/incident_list.do%3Fsysparm_query%3Dactive%253Dtrue%26sysparm_first_row%3D1'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.dispose())

const add = (url: string, table?: string) =>
  addSource(
    ws.store,
    {
      name: 'sn',
      kind: 'servicenow',
      config: { url, user: 'integration', passwordEnv: 'SN_PASSWORD', ...(table ? { table } : {}) },
    },
    NOW,
  )

describe('a ServiceNow URL pasted from the browser', () => {
  it.each([
    [`https://acme.service-now.com${LIST}`, 'incident'],
    ['https://acme.service-now.com/incident_list.do?sysparm_query=active=true', 'incident'],
    ['https://acme.service-now.com/nav_to.do?uri=incident_list.do', 'incident'],
    ['https://acme.service-now.com/problem_list.do?sysparm_query=active=true', 'problem'],
    [
      'https://acme.service-now.com/now/nav/ui/classic/params/target/sc_req_item.do%3Fsys_id%3D1',
      'sc_req_item',
    ],
    ['https://acme.service-now.com/now/workspace/agent/home', 'incident'],
    ['https://acme.service-now.com/sp?id=ticket&table=problem&sys_id=9d385017', 'problem'],
    ['https://acme.service-now.com/esc?id=ticket&table=sc_req_item&sys_id=9d385017', 'sc_req_item'],
    ['https://acme.service-now.com/csm?id=form&table=change_request', 'change_request'],
    ['https://acme.service-now.com/now/sow/record/problem/9d385017', 'problem'],
    ['https://acme.service-now.com/now/workspace/agent/record/sc_req_item/9d385017', 'sc_req_item'],
    ['https://acme.service-now.com/now/cwf/agent/record/change_request/9d385017', 'change_request'],
  ])('%s is stored as the instance, reading the table %s', (url, table) => {
    const added = add(url)
    expect(added.config).toMatchObject({ url: 'https://acme.service-now.com', table })
    expect(getSource(ws.store, 'sn')?.config).toMatchObject({ url: 'https://acme.service-now.com', table })
  })

  it('keeps a table given with it, even when the page shows another', () => {
    expect(add('https://acme.service-now.com/problem_list.do', 'sc_req_item').config).toMatchObject({
      url: 'https://acme.service-now.com',
      table: 'sc_req_item',
    })
  })

  it('drops the query it came with, sysparm_ck included (nothing of it is stored)', () => {
    const added = add('https://acme.service-now.com/incident.do?sys_id=1&sysparm_ck=0f1e2d3c4b5a')
    expect(JSON.stringify(getSource(ws.store, 'sn')?.config)).not.toContain('sysparm_ck')
    expect(added.config.url).toBe('https://acme.service-now.com')
  })

  it('is still refused with a login in it, and an API path naming another table than the one given', () => {
    expect(() => add('https://ops:pw@acme.service-now.com/incident_list.do')).toThrow(
      'Put credentials in a secret, not in the URL',
    )
    expect(() => add('https://acme.service-now.com/api/now/table/problem', 'incident')).toThrow(CoreError)
    // An address that is no page stays as it was given.
    expect(add('https://gw.example.go.kr/servicenow/').config.url).toBe(
      'https://gw.example.go.kr/servicenow/',
    )
  })

  it('as a new URL of a connection: the table its page shows unless the change gives one', async () => {
    add('https://acme.service-now.com')
    const moved = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'sn', url: 'https://acme.service-now.com/problem_list.do?sysparm_query=active=true' },
      NOW,
    )
    expect(moved).toMatchObject({ url: 'https://acme.service-now.com', table: 'problem' })
    const kept = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'sn', url: `https://acme.service-now.com${LIST}`, table: 'sc_req_item' },
      NOW,
    )
    expect(kept).toMatchObject({ url: 'https://acme.service-now.com', table: 'sc_req_item' })
  })

  it("keeps the path prefix before a portal's page, and stores a harmless query on the instance's address as it is", async () => {
    add('https://acme.service-now.com')
    const portal = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'sn', url: 'https://gw.example.go.kr/servicenow/esc?id=ticket&table=sc_req_item&sys_id=1' },
      NOW,
    )
    expect(portal).toMatchObject({ url: 'https://gw.example.go.kr/servicenow', table: 'sc_req_item' })
    const plain = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'sn', url: 'https://gw.example.go.kr/servicenow?sysparm_limit=10' },
      NOW,
    )
    expect(plain).toMatchObject({
      url: 'https://gw.example.go.kr/servicenow?sysparm_limit=10',
      table: 'sc_req_item',
    })
  })
})

describe('a new URL of the same instance and table', () => {
  const SOURCE = 'servicenow:sn'
  /** What the connection learnt from its server: cursors, events waiting for their SR, served ids. */
  const learnt = () => ({
    cursors: ws.store.sqlite.prepare('SELECT entity, cursor FROM sync_state WHERE source = ?').all(SOURCE),
    parked: ws.store.sqlite.prepare('SELECT source_id FROM sr_events_parked WHERE source = ?').all(SOURCE),
    tenants: ws.store.sqlite.prepare('SELECT source_id FROM tenant_source_ids WHERE source = ?').all(SOURCE),
  })
  const update = (change: { url?: string; table?: string }) =>
    updateSourceWithSecret(ws.store, undefined, { name: 'sn', ...change }, NOW)

  beforeEach(() => {
    add('https://acme.service-now.com')
    const db = ws.store.sqlite
    // As an earlier release stored a Table API address: as it was given.
    db.prepare("UPDATE sources SET config = json_set(config, '$.url', ?) WHERE name = 'sn'").run(
      'https://acme.service-now.com/api/now/table/incident',
    )
    db.prepare("INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, 'srs', ?, 0)").run(
      SOURCE,
      '{"updatedOn":"2026-03-18 05:00:00","sysId":"9d38"}',
    )
    db.prepare(
      "INSERT INTO sr_events_parked (source, source_id, event, parked_at) VALUES (?, 'INC0010001', '{}', 0)",
    ).run(SOURCE)
    const tenant = db.prepare("INSERT INTO tenants (name, created_at) VALUES ('서울특별시청', 0)").run()
    db.prepare(
      "INSERT INTO tenant_source_ids (source, source_id, tenant_id, name) VALUES (?, 'c0mp4ny', ?, '서울특별시청')",
    ).run(SOURCE, tenant.lastInsertRowid)
  })

  it('keeps what was read from it: a trailing slash, the host in capitals, a default port, an API path or a page', async () => {
    const before = learnt()
    expect(before.cursors).toHaveLength(1)
    for (const url of [
      'https://acme.service-now.com',
      'https://acme.service-now.com/',
      'https://ACME.Service-Now.com/',
      'https://acme.service-now.com:443/api/now/v2/table/incident?sysparm_limit=10',
      'https://acme.service-now.com/incident_list.do?sysparm_query=active=true',
      'https://acme.service-now.com/sp?id=ticket&table=incident&sys_id=9d38',
      'https://acme.service-now.com/?sysparm_limit=10',
    ]) {
      await update({ url })
      expect(learnt(), url).toEqual(before)
    }
    await update({ url: 'https://acme.service-now.com', table: 'incident' })
    expect(learnt()).toEqual(before)
  })

  it('forgets it for another instance, another path prefix or another table', async () => {
    const empty = { cursors: [], parked: [], tenants: [] }
    await update({ url: 'https://acme-test.service-now.com' })
    expect(learnt()).toEqual(empty)
    // A sync read something from the new instance…
    ws.store.sqlite
      .prepare("INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, 'srs', 'x', 0)")
      .run(SOURCE)
    // …then the same host behind a gateway's path is another server.
    await update({ url: 'https://acme-test.service-now.com/gw' })
    expect(learnt()).toEqual(empty)
    ws.store.sqlite
      .prepare("INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, 'srs', 'x', 0)")
      .run(SOURCE)
    // A page of the same instance showing another table, taken as the connection's table.
    await update({ url: 'https://acme-test.service-now.com/gw/problem_list.do' })
    expect(getSource(ws.store, 'sn')?.config).toMatchObject({ table: 'problem' })
    expect(learnt()).toEqual(empty)
  })
})

describe('a move judged by the address the connector read', () => {
  it('forgets the cursors of an instance behind a path prefix an earlier release stored, moved to the host itself', async () => {
    // Stored by an earlier release as given: an instance behind a gateway's path, whose address reads
    // like a page (a path under /now, a portal-like ?id=). The connector reads the instance there.
    for (const stored of ['https://gw.example.go.kr/it/now/prod', 'https://gw.example.go.kr/sn?id=prod']) {
      ws.dispose()
      ws = tempWorkspace()
      add('https://acme.service-now.com')
      const db = ws.store.sqlite
      db.prepare("UPDATE sources SET config = json_set(config, '$.url', ?) WHERE name = 'sn'").run(stored)
      db.prepare(
        "INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES ('servicenow:sn', 'srs', 'x', 0)",
      ).run()
      // Another instance, at the gateway's root: its rows were never read, so the cursor must go.
      await updateSourceWithSecret(ws.store, undefined, { name: 'sn', url: 'https://gw.example.go.kr' }, NOW)
      expect(
        db.prepare("SELECT cursor FROM sync_state WHERE source = 'servicenow:sn'").all(),
        stored,
      ).toEqual([])
    }
  })
})

describe('a connection added with a browser address', () => {
  let sim: SnSimulator
  beforeAll(async () => {
    sim = await startServiceNowSimulator({ seed: 4, count: 12 })
  })
  afterAll(() => sim.close())

  it('tests and syncs through the instance: the Table API, not a web page', async () => {
    const record = add(`${sim.url}${LIST}`)
    expect(record.config.url).toBe(sim.url)
    const connector = await connectorFor(
      record,
      envSecrets({ SN_PASSWORD: 'secret' }),
      defaultHttpDeps({ sleep: async () => undefined }),
    )
    const signal = new AbortController().signal
    expect(await connector.whoAmI(signal)).toMatchObject({ name: expect.any(String) })
    const page = await connector.fetchPage('srs', null, { signal, pageSize: 50 })
    expect(page.rows.map((r) => r.sourceId).sort()).toEqual(sim.records.map((r) => r['sys_id']!.value).sort())
    expect(new Set(sim.requests.map((r) => r.path))).toEqual(
      new Set(['/api/now/table/sys_user', '/api/now/table/incident']),
    )
  })
})

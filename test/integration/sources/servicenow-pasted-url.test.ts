// An instance address pasted with its Table API path (copied from the REST API Explorer or a
// browser's address bar): the path is dropped, as the ITSM connector drops a pasted /api/v1, so the
// sync asks /api/now/table/incident, not /api/now/table/incident/api/now/table/incident (a 400 the
// admin had to decode). Without a table given, the table it names becomes the connection's and the
// instance's address is stored; with another table given, it is refused when it is saved. One stored
// by an earlier release as it was given still lists.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { addSource, checkNewSource, getSource, listSources } from '../../../src/main/core/sources/registry'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import type { Connector, Page } from '../../../src/main/core/sources/types'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

let sim: SnSimulator
beforeAll(async () => {
  sim = await startServiceNowSimulator({ seed: 11, count: 30 })
})
afterAll(() => sim.close())
const signal = new AbortController().signal
const auth = { kind: 'basic' as const, user: 'integration', password: 'secret' }

async function sourceIds(c: Connector): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page: Page<'srs'> = await c.fetchPage('srs', cursor, { signal, pageSize: 7 })
    ids.push(...page.rows.map((r) => r.sourceId))
    cursor = page.cursor
    if (!page.hasMore) return ids.sort()
  }
  throw new Error('paging does not end')
}

describe('a ServiceNow URL pasted with its API path', () => {
  it.each([
    '/api/now/table/incident?sysparm_limit=10',
    '/api/now/v2/table/incident',
    '/api/now/table/incident/',
    '/api/now',
  ])('syncs and tests through %s as through the instance address', async (path) => {
    const all = sim.records.map((r) => r['sys_id']!.value).sort()
    sim.requests.length = 0
    const c = createServiceNowConnector({ name: 'sn', url: `${sim.url}${path}`, auth }, defaultHttpDeps())
    expect(await sourceIds(c)).toEqual(all)
    expect(await c.whoAmI(signal)).toMatchObject({ name: expect.any(String) })
    const paths = new Set(sim.requests.map((r) => r.path))
    expect([...paths].sort()).toEqual(['/api/now/table/incident', '/api/now/table/sys_user'])
  })

  it('is refused when a table given with it is another than the one it names', () => {
    const add = (url: string, table?: string) =>
      checkNewSource({
        name: 'sn',
        kind: 'servicenow',
        config: { url, user: 'integration', passwordEnv: 'SN_PASSWORD', ...(table ? { table } : {}) },
      })
    const refused = (() => {
      try {
        add('https://example.service-now.com/api/now/table/sc_req_item', 'incident')
        return null
      } catch (e) {
        return e
      }
    })()
    expect(refused).toBeInstanceOf(CoreError)
    expect((refused as Error).message).toBe(
      'url: The URL names the table "sc_req_item" but the connection\'s table is "incident": give the instance\'s address (e.g. https://example.service-now.com) and set the table to the one meant',
    )
    expect((refused as CoreError).reason).toMatchObject({ code: 'source_config_invalid' })
  })
})

const NOW = Date.parse('2026-03-18T06:00:00Z')
const INSTANCE = 'https://acme.service-now.com'

describe('a connection given the Table API address', () => {
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
  const failure = (f: () => unknown): string => {
    try {
      f()
    } catch (e) {
      if (e instanceof CoreError) return e.message
      throw e
    }
    throw new Error('not refused')
  }

  it.each([
    ['/api/now/table/sc_req_item', 'sc_req_item'],
    ['/api/now/v2/table/problem?sysparm_limit=10', 'problem'],
    ['/api/now/table/Change_Request/', 'change_request'],
    ['/api/now/table/incident', 'incident'],
    ['/api/now', 'incident'],
  ])('%s without a table: stored as the instance, reading the table %s', (path, table) => {
    expect(add(`${INSTANCE}${path}`).config).toMatchObject({ url: INSTANCE, table })
    expect(getSource(ws.store, 'sn')?.config).toMatchObject({ url: INSTANCE, table })
  })

  it('keeps the path prefix of a gateway in front of the instance', () => {
    expect(add('https://gw.example.go.kr/sn/api/now/table/problem').config).toMatchObject({
      url: 'https://gw.example.go.kr/sn',
      table: 'problem',
    })
  })

  it('with the same table given: stored as the instance; with another, refused and nothing stored', () => {
    expect(add(`${INSTANCE}/api/now/table/problem`, 'problem').config).toMatchObject({
      url: INSTANCE,
      table: 'problem',
    })
    ws.store.sqlite.exec('DELETE FROM sources')
    expect(failure(() => add(`${INSTANCE}/api/now/table/problem`, 'incident'))).toContain(
      'url: The URL names the table "problem" but the connection\'s table is "incident"',
    )
    expect(listSources(ws.store)).toEqual([])
  })

  it('is still refused with a credential in its query, as the Connections form refuses it', () => {
    expect(failure(() => add(`${INSTANCE}/api/now/table/problem?sysparm_ck=0f1e2d3c4b5a`))).toContain(
      'Put credentials in a secret, not in the URL',
    )
    expect(listSources(ws.store)).toEqual([])
  })

  it('as a new URL: the table it names unless the change gives one, which must then be the same', async () => {
    add(INSTANCE)
    const update = (req: { url?: string; table?: string }) =>
      updateSourceWithSecret(ws.store, undefined, { name: 'sn', ...req }, NOW)
    expect(await update({ url: `${INSTANCE}/api/now/table/problem?sysparm_limit=1` })).toMatchObject({
      url: INSTANCE,
      table: 'problem',
    })
    expect(
      await update({ url: `${INSTANCE}/api/now/v2/table/sc_req_item`, table: 'sc_req_item' }),
    ).toMatchObject({ url: INSTANCE, table: 'sc_req_item' })
    await expect(update({ url: `${INSTANCE}/api/now/table/incident`, table: 'problem' })).rejects.toThrow(
      'url: The URL names the table "incident" but the connection\'s table is "problem"',
    )
    expect(getSource(ws.store, 'sn')?.config).toMatchObject({ url: INSTANCE, table: 'sc_req_item' })
  })
})

describe('a ServiceNow connection stored with an API path by an earlier release', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())
  const store = (name: string, config: object): void => {
    ws.store.sqlite
      .prepare("INSERT INTO sources (name, kind, config, created_at) VALUES (?, 'servicenow', ?, ?)")
      .run(name, JSON.stringify(config), NOW)
  }

  it('still lists, as it was stored, and takes changes', async () => {
    // As the release that took an API path naming the connection's table stored it (URL as given).
    store('same', { url: `${INSTANCE}/api/now/table/problem`, table: 'problem', user: 'u', passwordEnv: 'P' })
    // As a release before that check stored one naming another table (the default incident read).
    store('other', { url: `${INSTANCE}/api/now/table/sc_req_item`, table: 'incident', tokenEnv: 'T' })
    store('bare', { url: `${INSTANCE}/api/now`, tokenEnv: 'T' })
    expect(
      listSources(ws.store).map((s) => [s.name, s.config.url, (s.config as { table: string }).table]),
    ).toEqual([
      ['bare', `${INSTANCE}/api/now`, 'incident'],
      ['other', `${INSTANCE}/api/now/table/sc_req_item`, 'incident'],
      ['same', `${INSTANCE}/api/now/table/problem`, 'problem'],
    ])
    // A change that is not its URL or table is taken, and keeps the URL as it was.
    const margin = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'other', resumeMarginSeconds: 600 },
      NOW,
    )
    expect(margin).toMatchObject({ url: `${INSTANCE}/api/now/table/sc_req_item`, table: 'incident' })
    // Its URL given again without a table: the table it names, the instance's address.
    const fixed = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'other', url: `${INSTANCE}/api/now/table/sc_req_item` },
      NOW,
    )
    expect(fixed).toMatchObject({ url: INSTANCE, table: 'sc_req_item' })
    // A new table alone that the stored API path contradicts is refused, as when it was added.
    await expect(
      updateSourceWithSecret(ws.store, undefined, { name: 'same', table: 'incident' }, NOW),
    ).rejects.toThrow('The URL names the table "problem" but the connection\'s table is "incident"')
  })
})

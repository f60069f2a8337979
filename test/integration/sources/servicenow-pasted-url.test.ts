// An instance address pasted with its Table API path (copied from the REST API Explorer or a
// browser's address bar): the path is dropped, as the ITSM connector drops a pasted /api/v1, so the
// sync asks /api/now/table/incident, not /api/now/table/incident/api/now/table/incident (a 400 the
// admin had to decode). One naming another table than the connection's is refused when it is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { checkNewSource } from '../../../src/main/core/sources/registry'
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

  it('is taken when it names the connection’s table, refused naming the one it names when not', () => {
    const add = (url: string, table?: string) =>
      checkNewSource({
        name: 'sn',
        kind: 'servicenow',
        config: { url, user: 'integration', passwordEnv: 'SN_PASSWORD', ...(table ? { table } : {}) },
      })
    expect(add('https://example.service-now.com/api/now/table/incident')).toMatchObject({
      kind: 'servicenow',
      config: { table: 'incident' },
    })
    expect(add('https://example.service-now.com/api/now/table/sc_req_item', 'sc_req_item')).toMatchObject({
      config: { table: 'sc_req_item' },
    })
    const refused = (() => {
      try {
        add('https://example.service-now.com/api/now/table/sc_req_item')
        return null
      } catch (e) {
        return e
      }
    })()
    expect(refused).toBeInstanceOf(CoreError)
    expect((refused as Error).message).toContain(
      'The URL names the table "sc_req_item" but the connection\'s table is "incident"',
    )
  })
})

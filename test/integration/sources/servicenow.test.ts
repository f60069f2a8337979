// ServiceNow connector against the loopback simulator: mapping by hand-written expectations, keyset
// paging that survives ACL-short and empty pages, 429 + Retry-After, auth, and the request it sends.
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps, SourceError, type HttpDeps } from '../../../src/main/core/sources/http'
import {
  createServiceNowConnector,
  keysetQuery,
  nextLinkOf,
  ServiceNowDataError,
  serviceNowTime,
  type ServiceNowAuth,
} from '../../../src/main/core/sources/servicenow/connector'
import { mapIncident, parseSnDateTime } from '../../../src/main/core/sources/servicenow/mapping'
import type { SrInput } from '../../../src/main/core/db/repositories/service-requests'
import type { Connector } from '../../../src/main/core/sources/types'
import {
  startServiceNowSimulator,
  type SnSimulator,
  type SnSimulatorOptions,
} from '../../../src/main/simulators/servicenow/simulator'

const f = (value: string, display_value = value): { value: string; display_value: string } => ({
  value,
  display_value,
})

function incident(overrides: Record<string, { value: string; display_value: string }> = {}) {
  return {
    sys_id: f('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    number: f('INC0010042'),
    short_description: f('전자결재 접속 불가'),
    state: f('2', 'In Progress'),
    priority: f('3', '3 - Moderate'),
    category: f('outage', '장애'),
    company: f('c0ffee00c0ffee00c0ffee00c0ffee00', '서울특별시청'),
    caller_id: f('aaaa0000aaaa0000aaaa0000aaaa0000', '김민준'),
    assigned_to: f('bbbb0000bbbb0000bbbb0000bbbb0000', '이서연'),
    opened_at: f('2026-03-31 15:30:00', '2026-04-01 00:30:00'),
    resolved_at: f(''),
    closed_at: f(''),
    sys_created_on: f('2026-03-31 15:29:58'),
    sys_updated_on: f('2026-04-01 09:00:05'),
    reassignment_count: f('2'),
    reopen_count: f('1'),
    ...overrides,
  }
}

function mapOk(record: Record<string, unknown>): SrInput {
  const r = mapIncident(record, 'servicenow:sn')
  if (!r.ok) throw new Error(`unexpected mapping error: ${JSON.stringify(r.error)}`)
  return r.row
}

describe('ServiceNow mapping', () => {
  it('maps every documented state', () => {
    const cases: [string, string][] = [
      ['1', 'OPEN'],
      ['2', 'IN_PROGRESS'],
      ['3', 'PENDING'],
      ['6', 'RESOLVED'],
      ['7', 'DONE'],
      ['8', 'CANCELLED'],
    ]
    for (const [state, status] of cases) expect(mapOk(incident({ state: f(state) })).status).toBe(status)
  })

  it('maps priorities 1..4 to P1..P4 and 5 (Planning) to P4', () => {
    const cases: [string, string][] = [
      ['1', 'P1'],
      ['2', 'P2'],
      ['3', 'P3'],
      ['4', 'P4'],
      ['5', 'P4'],
    ]
    for (const [priority, p] of cases) expect(mapOk(incident({ priority: f(priority) })).priority).toBe(p)
  })

  it('parses date-times as UTC and rejects impossible ones', () => {
    expect(parseSnDateTime('2026-03-31 15:30:00')).toBe(Date.UTC(2026, 2, 31, 15, 30))
    expect(parseSnDateTime('2026-02-30 00:00:00')).toBeNull()
    expect(parseSnDateTime('2026-03-31T15:30:00Z')).toBeNull()
  })

  it('takes names from display values and codes and instants from values', () => {
    const row = mapOk(
      incident({
        state: f('7', 'Closed'),
        resolved_at: f('2026-04-01 08:00:00'),
        closed_at: f('2026-04-02 08:00:00'),
      }),
    )
    expect(row).toMatchObject({
      source: 'servicenow:sn',
      sourceId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      number: 'INC0010042',
      tenant: '서울특별시청',
      title: '전자결재 접속 불가',
      category: '장애',
      priority: 'P3',
      status: 'DONE',
      requester: '김민준',
      assignee: '이서연',
      // The value, not the display value (which is in the user's zone, nine hours later here).
      createdAt: Date.UTC(2026, 2, 31, 15, 30),
      resolvedAt: Date.UTC(2026, 3, 1, 8),
      closedAt: Date.UTC(2026, 3, 2, 8),
      updatedAt: Date.UTC(2026, 3, 1, 9, 0, 5),
      reassignmentCount: 2,
      reopenCount: 1,
    })
  })

  it('keeps empty references and instants null, falls back to sys_created_on and a no-company tenant', () => {
    const row = mapOk(incident({ assigned_to: f(''), company: f(''), category: f(''), opened_at: f('') }))
    expect(row.assignee).toBeNull()
    expect(row.category).toBeNull()
    expect(row.tenant).toBe('(no company)')
    expect(row.createdAt).toBe(Date.UTC(2026, 2, 31, 15, 29, 58))
    expect(row.resolvedAt).toBeNull()
  })

  it('names the record and field of a bad row', () => {
    const bad = mapIncident(incident({ state: f('42', 'Weird') }), 'servicenow:sn')
    expect(bad).toEqual({
      ok: false,
      error: {
        sysId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        number: 'INC0010042',
        field: 'state',
        message: expect.stringContaining('unknown state "42" (Weird)'),
        // The same as a code and params, for the app to word in its language.
        problem: {
          code: 'unknown_state',
          params: { value: '42', label: 'Weird', mapped: '1, 2, 3, 6, 7, 8' },
        },
        state: { code: '42', label: 'Weird' },
      },
    })
    const date = mapIncident(incident({ sys_updated_on: f('31/03/2026') }), 'servicenow:sn')
    expect(date.ok ? null : date.error).toMatchObject({
      field: 'sys_updated_on',
      problem: { code: 'not_date_time', params: { value: '31/03/2026' } },
    })
    const missing = mapIncident({ ...incident(), priority: '3' }, 'servicenow:sn')
    expect(missing.ok ? null : missing.error).toMatchObject({
      field: 'priority',
      problem: { code: 'field_not_pair' },
    })
    const unknownPriority = mapIncident(incident({ priority: f('9') }), 'servicenow:sn')
    expect(unknownPriority.ok ? null : unknownPriority.error.problem).toEqual({
      code: 'unknown_priority',
      params: { value: '9', label: '9', mapped: '1, 2, 3, 4, 5' },
    })
  })

  it('builds the keyset query with ^OR binding tighter than ^', () => {
    expect(keysetQuery({})).toBe('ORDERBYsys_updated_on^ORDERBYsys_id')
    expect(keysetQuery({ updatedOn: '2026-03-31 15:30:00', sysId: 'abc' })).toBe(
      'sys_updated_on>=2026-03-31 15:30:00^sys_updated_on>2026-03-31 15:30:00^ORsys_id>abc^ORDERBYsys_updated_on^ORDERBYsys_id',
    )
  })

  it('reads the instance clock from an HTTP Date header as a sys_updated_on value', () => {
    expect(serviceNowTime('Tue, 31 Mar 2026 06:30:05 GMT')).toBe('2026-03-31 06:30:05')
    expect(serviceNowTime(null)).toBeUndefined()
    expect(serviceNowTime('yesterday-ish')).toBeUndefined()
  })

  it('reads the rel="next" URL of a Link header', () => {
    expect(
      nextLinkOf(
        '<https://x/api/now/table/incident?sysparm_limit=2&sysparm_offset=0>;rel="first",<https://x/a?sysparm_offset=2>;rel="next"',
      ),
    ).toBe('https://x/a?sysparm_offset=2')
    // Commas in the URL, and ';' and ',' in a quoted parameter, end no link.
    expect(
      nextLinkOf(
        '<https://x/a?sysparm_fields=a,b&sysparm_offset=0>; title="first; of many, really"; rel="first", ' +
          '<https://x/a?sysparm_fields=a,b&sysparm_offset=4>; title="next; page, 2"; rel="next"',
      ),
    ).toBe('https://x/a?sysparm_fields=a,b&sysparm_offset=4')
    // Only a link whose rel names next: not one whose title does, nor a prev/last.
    expect(nextLinkOf('<https://x/p>; title="next"; rel="prev", <https://x/l>; rel="last"')).toBeUndefined()
    expect(nextLinkOf(null)).toBeUndefined()
    expect(nextLinkOf('')).toBeUndefined()
  })

  it('reads a rel written in capitals, unquoted or not', () => {
    expect(
      nextLinkOf('<https://x/a?sysparm_offset=0>; rel="FIRST", <https://x/a?sysparm_offset=6>; rel="NEXT"'),
    ).toBe('https://x/a?sysparm_offset=6')
    expect(
      nextLinkOf('<https://x/a?sysparm_offset=0>; REL=First, <https://x/a?sysparm_offset=8>; Rel=Next'),
    ).toBe('https://x/a?sysparm_offset=8')
  })

  it('reads a rel naming two relations, and takes the first link of a relation', () => {
    // rel="prev next": the link is both, whichever comes first in the parameter.
    expect(
      nextLinkOf(
        '<https://x/a?sysparm_offset=0>; rel="first", <https://x/a?sysparm_offset=3>; rel="prev next"',
      ),
    ).toBe('https://x/a?sysparm_offset=3')
    expect(nextLinkOf('<https://x/a?sysparm_offset=5>; rel="next last"')).toBe('https://x/a?sysparm_offset=5')
    // Two links naming next: the first counts.
    expect(
      nextLinkOf(
        '<https://x/a?sysparm_offset=10>; rel="next last", <https://x/a?sysparm_offset=20>; rel="next"',
      ),
    ).toBe('https://x/a?sysparm_offset=10')
  })

  it('takes a Link header it cannot read for no next link, without throwing', () => {
    for (const header of [
      'garbage',
      // A part that is no link before a good rel="next": the whole header is refused.
      'garbage, <https://x/a?sysparm_offset=4>; rel="next"',
      '<https://x/a?sysparm_offset=0>; rel="first", junk <https://x/a?sysparm_offset=4>; rel="next"',
      // A link with no closing '>'.
      '<https://x/a?sysparm_offset=4; rel="next"',
      // An extended parameter with no value (the parser fails on it with a TypeError, not an Error).
      '<https://x/a?sysparm_offset=4>; title*=; rel="next"',
    ])
      expect(nextLinkOf(header), header).toBeUndefined()
  })
})

describe('ServiceNow connector against the simulator', () => {
  let sim: SnSimulator | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })

  const signal = new AbortController().signal
  const fastDeps = (delays: number[] = []): HttpDeps =>
    defaultHttpDeps({
      sleep: async (ms) => {
        delays.push(ms)
      },
      random: () => 0.5,
    })

  async function start(opts: SnSimulatorOptions): Promise<SnSimulator> {
    sim = await startServiceNowSimulator(opts)
    return sim
  }

  function connect(s: SnSimulator, deps: HttpDeps, auth?: ServiceNowAuth, pageSize?: number): Connector {
    return createServiceNowConnector(
      {
        name: 'sn',
        url: s.url,
        auth: auth ?? { kind: 'basic', user: 'integration', password: 'secret' },
        pageSize,
      },
      deps,
    )
  }

  async function syncAll(c: Connector, startCursor: string | null = null, pageSize = 50) {
    const rows: SrInput[] = []
    let cursor = startCursor
    let pages = 0
    for (;;) {
      const page = await c.fetchPage('srs', cursor, { signal, pageSize })
      rows.push(...page.rows)
      cursor = page.cursor
      pages++
      if (!page.hasMore) break
      if (pages > 10_000) throw new Error('paging does not end')
    }
    return { rows, cursor, pages }
  }

  it('pages through every record exactly once, ties on sys_updated_on included', async () => {
    const s = await start({ seed: 7, count: 230 })
    const { rows } = await syncAll(connect(s, fastDeps()), null, 17)
    const ids = rows.map((r) => r.sourceId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids)).toEqual(new Set(s.records.map((r) => r.sys_id!.value)))
    // The data has bulk-update ties, so the sys_id tie-break was exercised.
    const stamps = s.records.map((r) => r.sys_updated_on!.value)
    expect(new Set(stamps).size).toBeLessThan(stamps.length - 20)
    // An incremental sync from the final cursor finds nothing new.
    const again = await syncAll(
      connect(s, fastDeps()),
      (await syncAll(connect(s, fastDeps()), null, 50)).cursor,
    )
    expect(again.rows).toEqual([])
  })

  it('does not stop at short or empty pages when ACLs hide rows after sysparm_limit', async () => {
    const s = await start({ seed: 3, count: 300, faults: { aclHiddenShare: 0.7 } })
    const { rows } = await syncAll(connect(s, fastDeps(), undefined, 6))
    const visible = s.records.map((r) => r.sys_id!.value).filter((id) => !s.hidden.has(id))
    const ids = rows.map((r) => r.sourceId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids)).toEqual(new Set(visible))
    expect(s.hidden.size).toBeGreaterThan(150)
    // Empty pages really happened mid-stream (rows came after them), as did short ones.
    const table = s.requests.filter((r) => r.path === '/api/now/table/incident' && r.status === 200)
    const firstEmpty = table.findIndex((r) => r.returned === 0)
    expect(firstEmpty).toBeGreaterThanOrEqual(0)
    expect(table.slice(firstEmpty + 1).some((r) => (r.returned ?? 0) > 0)).toBe(true)
    expect(table.some((r) => (r.returned ?? 0) > 0 && (r.returned ?? 0) < 6)).toBe(true)
    // Empty pages step on by offset; a page with rows resets it to the new keyset.
    expect(table.some((r) => r.query['sysparm_offset'] !== undefined)).toBe(true)
  })

  it('honours 429 Retry-After and retries 500s', async () => {
    const s = await start({ seed: 5, count: 60, faults: { rateLimitEvery: 3, retryAfterSeconds: 2 } })
    const delays: number[] = []
    const { rows } = await syncAll(connect(s, fastDeps(delays)), null, 10)
    expect(rows).toHaveLength(60)
    expect(s.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0)
    expect(delays.length).toBe(s.requests.filter((r) => r.status === 429).length)
    expect(delays.every((d) => d === 2000)).toBe(true)
    await s.close()

    const s2 = await start({ seed: 5, count: 60, faults: { serverErrorEvery: 4 } })
    const { rows: rows2 } = await syncAll(connect(s2, fastDeps()), null, 10)
    expect(rows2).toHaveLength(60)
    expect(s2.requests.some((r) => r.status === 500)).toBe(true)
  })

  it('accepts basic and bearer auth and refuses a wrong password with kind auth', async () => {
    const s = await start({ seed: 1, count: 5, roles: 'itil,admin' })
    const basic = await connect(s, fastDeps()).fetchPage('srs', null, { signal, pageSize: 10 })
    expect(basic.rows).toHaveLength(5)
    const bearer = connect(s, fastDeps(), { kind: 'bearer', token: 'sn-test-token' })
    expect((await bearer.fetchPage('srs', null, { signal, pageSize: 10 })).rows).toHaveLength(5)
    expect(await bearer.whoAmI(signal)).toEqual({ name: '연동 계정', role: 'admin' })

    const wrong = connect(s, fastDeps(), { kind: 'basic', user: 'integration', password: 'nope' })
    const err = await wrong.fetchPage('srs', null, { signal, pageSize: 10 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SourceError)
    expect((err as SourceError).kind).toBe('auth')
    await expect(wrong.whoAmI(signal)).rejects.toMatchObject({ kind: 'auth' })
  })

  it('a connection test also reads the table the sync reads: a misspelt table fails it', async () => {
    const s = await start({ seed: 1, count: 3 })
    const misspelt = createServiceNowConnector(
      {
        name: 'sn',
        url: s.url,
        table: 'incidnet',
        auth: { kind: 'basic', user: 'integration', password: 'secret' },
      },
      fastDeps(),
    )
    await expect(misspelt.whoAmI(signal)).rejects.toMatchObject({
      message: expect.stringContaining('Invalid table incidnet'),
    })
    // The table asked for one row's sys_id, not a page of incidents.
    expect(await connect(s, fastDeps()).whoAmI(signal)).toMatchObject({ name: '연동 계정' })
    const probe = s.requests.filter((r) => r.path === '/api/now/table/incident')
    expect(probe.map((r) => [r.query['sysparm_limit'], r.query['sysparm_fields']])).toEqual([['1', 'sys_id']])
  })

  it('reports no role for a non-admin account', async () => {
    const s = await start({ seed: 1, count: 1 })
    expect(await connect(s, fastDeps()).whoAmI(signal)).toEqual({ name: '연동 계정', role: null })
  })

  it('asks only for mapped fields, without reference links, in keyset order', async () => {
    const s = await start({ seed: 2, count: 12 })
    await syncAll(connect(s, fastDeps()), null, 5)
    const table = s.requests.filter((r) => r.path === '/api/now/table/incident')
    expect(table.length).toBeGreaterThanOrEqual(3)
    for (const r of table) {
      expect(r.query['sysparm_exclude_reference_link']).toBe('true')
      expect(r.query['sysparm_display_value']).toBe('all')
      expect(r.query['sysparm_limit']).toBe('5')
      expect(r.query['sysparm_fields']?.split(',')).toContain('sys_updated_on')
      expect(r.query['sysparm_fields']?.split(',')).not.toContain('description')
      expect(r.query['sysparm_query']).toMatch(/\^?ORDERBYsys_updated_on\^ORDERBYsys_id$/)
    }
    expect(table[1]?.query['sysparm_query']).toMatch(
      /^sys_updated_on>=.+\^sys_updated_on>.+\^ORsys_id>[0-9a-f]{32}\^/,
    )
  })

  it('fails the page with a non-retryable error naming the bad record', async () => {
    const s = await start({ seed: 4, count: 10 })
    const victim = s.records[3]!
    victim.state = { value: '99', display_value: 'Mystery' }
    const err = await syncAll(connect(s, fastDeps())).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServiceNowDataError)
    expect((err as ServiceNowDataError).retryable).toBe(false)
    expect((err as Error).message).toContain(victim.sys_id!.value)
    expect((err as Error).message).toContain('state')
    expect((err as Error).message).toContain(victim.number!.value)
  })

  it('rejects other entities', async () => {
    const s = await start({ seed: 1, count: 1 })
    await expect(connect(s, fastDeps()).fetchPage('people', null, { signal, pageSize: 5 })).rejects.toThrow(
      /SRs only/,
    )
  })
})

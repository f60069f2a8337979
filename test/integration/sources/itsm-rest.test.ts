// The ITSM REST connector against the loopback simulator: complete paging, each injected fault,
// auth and /me. Sleeps are faked (recorded, resolved at once), so retries cost no real time.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  defaultHttpDeps,
  SourceError,
  type HttpDeps,
  type RetryPolicy,
} from '../../../src/main/core/sources/http'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import type { Connector, EntityRows, SyncEntity } from '../../../src/main/core/sources/types'
import { SYNC_ENTITIES } from '../../../src/main/core/sources/types'
import {
  startItsmSimulator,
  type ItsmSimulator,
  type ItsmSimulatorOptions,
} from '../../../src/main/simulators/itsm/server'

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 30_000, timeoutMs: 5_000 }

let sim: ItsmSimulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function start(opts: ItsmSimulatorOptions = {}): Promise<ItsmSimulator> {
  sim = await startItsmSimulator({ seed: 7, srCount: 300, ...opts })
  return sim
}

function fakeDeps(): HttpDeps & { sleeps: number[]; retries: string[] } {
  const sleeps: number[] = []
  const retries: string[] = []
  const deps = defaultHttpDeps({
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
    random: () => 0.5,
    onRetry: (info) => retries.push(info.reason),
  })
  return Object.assign(deps, { sleeps, retries })
}

function connect(s: ItsmSimulator, deps: HttpDeps, policy: RetryPolicy = POLICY, token = s.token): Connector {
  return createItsmConnector({ name: 'sim', url: s.url, token, retry: policy }, deps)
}

type Pulled<E extends SyncEntity> = { rows: EntityRows[E]; pages: number; cursor: string | null }

async function pullAll<E extends SyncEntity>(
  connector: Connector,
  entity: E,
  pageSize: number,
  cursor: string | null = null,
  betweenPages?: (page: number) => void,
): Promise<Pulled<E>> {
  const rows: EntityRows[E][number][] = []
  let pages = 0
  const signal = new AbortController().signal
  for (;;) {
    const page = await connector.fetchPage(entity, cursor, { signal, pageSize })
    pages++
    rows.push(...page.rows)
    cursor = page.cursor
    if (!page.hasMore) break
    if (pages > 100_000) throw new Error('paging does not end')
    betweenPages?.(pages)
  }
  return { rows: rows as EntityRows[E], pages, cursor }
}

/** The last version of each SR received, as the store would keep it (upsert by source id). */
const latestById = (rows: EntityRows['srs']): Map<string, unknown> =>
  new Map(rows.map((r) => [r.sourceId, r.raw]))
const simSrs = (s: ItsmSimulator): Map<string, unknown> => new Map(s.data.srs.map((r) => [r.id, r]))

describe('ITSM REST connector against the simulator', () => {
  it('pages through every entity and yields exactly the simulator rows, mapped to the store shapes', async () => {
    const s = await start()
    const connector = connect(s, fakeDeps())
    expect(connector.kind).toBe('itsm')
    expect(connector.entities).toEqual(SYNC_ENTITIES)

    const srs = await pullAll(connector, 'srs', 37)
    expect(srs.pages).toBe(Math.ceil(300 / 37))
    expect(srs.rows).toHaveLength(300)
    expect(latestById(srs.rows)).toEqual(simSrs(s))
    const wire = s.data.srs.find((r) => r.resolved_at !== null && r.assignee !== null)
    const mapped = srs.rows.find((r) => r.sourceId === wire?.id)
    expect(wire && mapped).toBeTruthy()
    expect(mapped).toMatchObject({
      source: 'itsm:sim',
      number: wire?.number,
      tenant: wire?.tenant,
      status: wire?.status,
      priority: wire?.priority,
      assignee: wire?.assignee,
      createdAt: Date.parse(wire?.created_at ?? ''),
      resolvedAt: Date.parse(wire?.resolved_at ?? ''),
      updatedAt: Date.parse(wire?.updated_at ?? ''),
    })

    const tenants = await pullAll(connector, 'tenants', 3)
    // Each with the server's id and the connection, which a later rename is recognised by.
    const byId = (a: { sourceId?: string }, b: { sourceId?: string }) =>
      (a.sourceId ?? '') < (b.sourceId ?? '') ? -1 : 1
    expect(tenants.rows.map((t) => ({ ...t })).sort(byId)).toEqual(
      s.data.tenants
        .map((t) => ({
          name: t.name,
          createdAt: Date.parse(t.created_at),
          source: 'itsm:sim',
          sourceId: t.id,
        }))
        .sort(byId),
    )
    const categories = await pullAll(connector, 'categories', 1000)
    expect(categories.rows.map((c) => (typeof c === 'string' ? { name: c } : c)).sort(byId)).toEqual(
      s.data.categories.map((c) => ({ name: c.name, source: 'itsm:sim', sourceId: c.id })).sort(byId),
    )
    const people = await pullAll(connector, 'people', 10)
    expect(people.rows.map((p) => p.sourceId).sort()).toEqual(s.data.people.map((p) => p.id).sort())
    expect(people.rows.filter((p) => p.role === 'engineer')).toHaveLength(20)
    const events = await pullAll(connector, 'sr_events', 100)
    expect(events.rows).toHaveLength(s.data.sr_events.length)
    expect(events.rows.every((e) => e.source === 'itsm:sim' && e.sourceId.startsWith('SR-'))).toBe(true)
    const deployments = await pullAll(connector, 'deployments', 50)
    expect(deployments.rows.map((d) => d.sourceId).sort()).toEqual(s.data.deployments.map((d) => d.id).sort())
    const usage = await pullAll(connector, 'feature_usage', 200)
    expect(usage.rows).toHaveLength(s.data.feature_usage.length)
    expect(usage.rows.every((u) => /^\d{4}-\d{2}$/.test(u.month))).toBe(true)
    expect(usage.rows.every((u) => u.source === 'itsm:sim')).toBe(true)
  })

  it('names itself in every request: User-Agent OpsConsole/<version of package.json>', async () => {
    const s = await start()
    const connector = connect(s, fakeDeps())
    await pullAll(connector, 'tenants', 2)
    await connector.whoAmI(new AbortController().signal)
    const { version } = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string
    }
    expect(s.requests.length).toBeGreaterThan(2)
    expect(new Set(s.requests.map((r) => r.userAgent))).toEqual(new Set([`OpsConsole/${version}`]))
  })

  it('resumes from the end cursor: nothing new gives no rows, an update gives exactly that row', async () => {
    const s = await start()
    const connector = connect(s, fakeDeps())
    const first = await pullAll(connector, 'srs', 100)
    const again = await pullAll(connector, 'srs', 100, first.cursor)
    expect(again.rows).toEqual([])
    expect(again.cursor).toBe(first.cursor)

    const target = s.data.srs[5]
    s.mutate((m) => m.update('srs', target?.id ?? '', { status: 'CANCELLED' }))
    const later = await pullAll(connector, 'srs', 100, first.cursor)
    expect(later.rows.map((r) => [r.sourceId, r.status])).toEqual([[target?.id, 'CANCELLED']])
  })

  it('is deterministic per seed and serves realistic statuses and priorities', async () => {
    const a = await startItsmSimulator({ seed: 3, srCount: 400 })
    const b = await startItsmSimulator({ seed: 3, srCount: 400 })
    try {
      expect(a.data).toEqual(b.data)
      const statuses = new Set(a.data.srs.map((r) => r.status))
      expect([...statuses].sort()).toEqual([
        'CANCELLED',
        'DONE',
        'IN_PROGRESS',
        'OPEN',
        'PENDING',
        'RESOLVED',
      ])
      expect(new Set(a.data.srs.map((r) => r.priority)).size).toBe(4)
      expect(a.data.srs.every((r) => r.resolved_at === null || r.resolved_at >= r.created_at)).toBe(true)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('deduplicates rows repeated across overlapping pages', async () => {
    const s = await start({ faults: { repeatRows: 5 } })
    const { rows } = await pullAll(connect(s, fakeDeps()), 'srs', 40)
    const served = s.requests.filter((r) => r.path === '/api/v1/srs').reduce((n, r) => n + (r.items ?? 0), 0)
    expect(served).toBeGreaterThan(300) // the overlap really happened
    // Each row once: those served before a page's cursor are not delivered again.
    expect(rows).toHaveLength(300)
    expect(latestById(rows)).toEqual(simSrs(s))
  })

  it('sees rows updated while paging again, ending in the simulator final state', async () => {
    const s = await start({ faults: { updateWhilePaging: 3 } })
    const before = simSrs(s)
    const { rows } = await pullAll(connect(s, fakeDeps()), 'srs', 40)
    const final = simSrs(s)
    expect(final).not.toEqual(before)
    expect(rows.length).toBeGreaterThan(300)
    expect(latestById(rows)).toEqual(final)
  })

  it('picks up a row the test changes after it was served', async () => {
    const s = await start()
    const firstId = s.data.srs[0]?.id ?? ''
    const { rows } = await pullAll(connect(s, fakeDeps()), 'srs', 50, null, (page) => {
      if (page === 2) s.mutate((m) => m.update('srs', firstId, { title: '수정된 제목' }))
    })
    expect(latestById(rows)).toEqual(simSrs(s))
    const titles = rows.filter((r) => r.sourceId === firstId).map((r) => r.title)
    expect(titles).toHaveLength(2)
    expect(titles[1]).toBe('수정된 제목')
  })

  it('honours 429 Retry-After: the delay asked for is the delay waited', async () => {
    const s = await start({ faults: { rateLimit: 2, retryAfterSeconds: 7 } })
    const deps = fakeDeps()
    const { rows } = await pullAll(connect(s, deps), 'srs', 100)
    expect(latestById(rows)).toEqual(simSrs(s))
    const limited = s.requests.filter((r) => r.fault === 'rate_limit')
    expect(limited.length).toBeGreaterThan(0)
    expect(deps.sleeps).toEqual(limited.map(() => 7000))
  })

  it('retries 500s', async () => {
    const s = await start({ faults: { serverErrors: 3 } })
    const deps = fakeDeps()
    const { rows } = await pullAll(connect(s, deps), 'srs', 50)
    expect(latestById(rows)).toEqual(simSrs(s))
    expect(s.requests.filter((r) => r.status === 500).length).toBe(deps.sleeps.length)
    expect(deps.sleeps.length).toBeGreaterThan(0)
  })

  it('retries a request the server never answers, after the per-attempt timeout', async () => {
    const s = await start({ faults: { timeouts: 3 } })
    const deps = fakeDeps()
    const { rows } = await pullAll(connect(s, deps, { ...POLICY, timeoutMs: 150 }), 'srs', 50)
    expect(latestById(rows)).toEqual(simSrs(s))
    expect(s.requests.filter((r) => r.fault === 'timeout').length).toBeGreaterThan(0)
    expect(deps.retries.every((reason) => reason.includes('No answer in time'))).toBe(true)
  })

  it('retries malformed JSON', async () => {
    const s = await start({ faults: { malformedJson: 2 } })
    const deps = fakeDeps()
    const { rows } = await pullAll(connect(s, deps), 'srs', 50)
    expect(latestById(rows)).toEqual(simSrs(s))
    expect(deps.retries.length).toBe(s.requests.filter((r) => r.fault === 'malformed_json').length)
    expect(deps.retries[0]).toMatch(/not valid JSON/)
  })

  it('retries truncated JSON', async () => {
    const s = await start({ faults: { truncatedJson: 2 } })
    const deps = fakeDeps()
    const { rows } = await pullAll(connect(s, deps), 'srs', 50)
    expect(latestById(rows)).toEqual(simSrs(s))
    expect(deps.retries.length).toBe(s.requests.filter((r) => r.fault === 'truncated_json').length)
  })

  it('gives up after maxAttempts with a clear error', async () => {
    const s = await start({ faults: { serverErrors: 1 } })
    const error = await connect(s, fakeDeps(), { ...POLICY, maxAttempts: 3 })
      .fetchPage('srs', null, { signal: new AbortController().signal, pageSize: 10 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SourceError)
    expect(error).toMatchObject({ kind: 'server', status: 500 })
    expect((error as Error).message).toMatch(/failed \(500\).*\/api\/v1\/srs.*gave up after 3 attempts/)
    expect(s.requests).toHaveLength(3)
  })

  it('fails a wrong token with kind auth, without retries and without echoing the token', async () => {
    const s = await start()
    const deps = fakeDeps()
    const error = await connect(s, deps, POLICY, 'not-the-token-XYZ')
      .fetchPage('srs', null, { signal: new AbortController().signal, pageSize: 10 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'auth', status: 401 })
    expect((error as Error).message).not.toContain('not-the-token-XYZ')
    expect(s.requests).toHaveLength(1)
    expect(s.requests[0]?.auth).toBe('wrong')
    expect(deps.sleeps).toEqual([])
  })

  it('reports the account and role from /me; an unknown role grants none', async () => {
    const signal = new AbortController().signal
    const s = await start({ me: { name: '김민준', role: 'operator' } })
    expect(await connect(s, fakeDeps()).whoAmI(signal)).toEqual({ name: '김민준', role: 'operator' })
    await s.close()
    const t = await start({ me: { name: '외부 감사', role: 'auditor' } })
    expect(await connect(t, fakeDeps()).whoAmI(signal)).toEqual({ name: '외부 감사', role: null })
    expect(t.requests[0]).toMatchObject({ path: '/api/v1/me', auth: 'ok', status: 200 })
  })

  it('rejects the whole page when one row does not fit, naming the row id and field', async () => {
    const s = await start()
    const bad = s.data.srs[10]?.id ?? ''
    s.mutate((m) => m.update('srs', bad, { priority: 'P9' as never, updated_at: s.data.srs[10]?.updated_at }))
    const error = await connect(s, fakeDeps())
      .fetchPage('srs', null, { signal: new AbortController().signal, pageSize: 50 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'malformed' })
    expect((error as Error).message).toContain(`Service requests row "${bad}"`)
    expect((error as Error).message).toContain('field "priority"')
    expect(s.requests).toHaveLength(1) // a bad row is the server's data, not a glitch worth retrying here
  })

  it('asks for at most 1000 rows and accepts a base URL with /api/v1 pasted in', async () => {
    const s = await start()
    const connector = createItsmConnector(
      { name: 'sim', url: `${s.url}/api/v1/`, token: s.token },
      fakeDeps(),
    )
    const page = await connector.fetchPage('srs', null, {
      signal: new AbortController().signal,
      pageSize: 5000,
    })
    expect(page.rows).toHaveLength(300)
    expect(page.hasMore).toBe(false)
    expect(page.total).toBe(300)
    expect(s.requests[0]?.query).toEqual({ limit: '1000' })
  })

  it('refuses a cursor that is not its own', async () => {
    const s = await start()
    const error = await connect(s, fakeDeps())
      .fetchPage('srs', 'sys_updated_on>2025-01-01', { signal: new AbortController().signal, pageSize: 5 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'client' })
    expect(s.requests).toHaveLength(0)
  })
})

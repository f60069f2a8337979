// Tenants and categories served with a source's own id (ITSM REST /tenants, /categories) are renamed in
// place when a later page serves the id under another name; the hard cases of repositories/tenants.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertDeployments, upsertFeatureUsage } from '../../../src/main/core/db/repositories/ops-feeds'
import { parkSrEvents } from '../../../src/main/core/db/repositories/parked-events'
import { upsertPeople } from '../../../src/main/core/db/repositories/people'
import { ensureCategories, ensureTenants } from '../../../src/main/core/db/repositories/tenants'
import { applyTemplates, updateKpi } from '../../../src/main/core/kpi/service'
import { insertPolicyVersion } from '../../../src/main/core/metrics/sla-policy'
import { ensureRollups } from '../../../src/main/core/rollups/rollups'
import { addSource, removeSource } from '../../../src/main/core/sources/registry'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import type { SlaOverride } from '../../../src/shared/ipc/types-sla'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-renames-')
})
afterEach(() => ws.dispose())

const NORTH = 'itsm:north'
const SOUTH = 'itsm:south'
const T0 = Date.parse('2025-01-01T00:00:00Z')

const tenants = () =>
  ws.store.sqlite.prepare('SELECT id, name FROM tenants ORDER BY id').all() as { id: number; name: string }[]
const tenantId = (name: string) =>
  ws.store.sqlite.prepare('SELECT id FROM tenants WHERE name = ?').pluck().get(name) as number | undefined
const srCountOf = (name: string) =>
  ws.store.sqlite
    .prepare(
      'SELECT count(*) FROM service_requests sr JOIN tenants t ON t.id = sr.tenant_id WHERE t.name = ?',
    )
    .pluck()
    .get(name) as number
const serve = (source: string, rows: [id: string, name: string][]) =>
  ensureTenants(
    ws.store,
    rows.map(([sourceId, name]) => ({ name, createdAt: T0, source, sourceId })),
  )

describe('a tenant served under a new name', () => {
  it('is renamed in place: same row, its SRs, people, deployments, usage and KPI filters follow', () => {
    serve(NORTH, [
      ['T01', '한국정보공사'],
      ['T02', '세종시청'],
    ])
    addSrs(ws, [
      { tenant: '한국정보공사', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { tenant: '한국정보공사', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
      { tenant: '세종시청', status: 'OPEN', created: '2025-02-03T00:00:00Z' },
    ])
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: '한국정보공사', feature: 'f', month: '2025-02', count: 3 },
    ])
    ws.store.sqlite
      .prepare(
        `INSERT INTO kpi_definitions (name, display_name, unit, direction, target, period, thresholds, filter,
           base_metric, effective_from, created_at, updated_at)
         VALUES ('k', 'K', '%', 'HIGHER_BETTER', 90, 'MONTHLY', '{}', ?, 'sla_rate', 0, 0, 0)`,
      )
      .run(JSON.stringify({ tenant: '한국정보공사', priority: 'P1' }))
    const before = tenantId('한국정보공사')

    serve(NORTH, [['T01', '한국정보진흥원']])

    expect(tenants().map((t) => t.name)).toEqual(['한국정보진흥원', '세종시청'])
    expect(tenantId('한국정보진흥원')).toBe(before)
    expect(srCountOf('한국정보진흥원')).toBe(2)
    expect(ws.store.sqlite.prepare('SELECT tenant_id FROM feature_usage').pluck().all()).toEqual([before])
    expect(
      JSON.parse(ws.store.sqlite.prepare('SELECT filter FROM kpi_definitions').pluck().get() as string),
    ).toEqual({ tenant: '한국정보진흥원', priority: 'P1' })
  })

  it("a tenant's template KPIs read the new name, keep their key, and are not made twice", () => {
    serve(NORTH, [['T01', '한국정보공사']])
    const options = { now: Date.parse('2025-03-01T00:00:00Z'), zone: 'Asia/Seoul', changedBy: null }
    applyTemplates(ws.store, { template_names: ['MTTR', 'FCR'], tenant: '한국정보공사' }, options)
    // An admin's own wording, and a KPI of all tenants, stay as written.
    updateKpi(ws.store, 'FCR@한국정보공사', { display_name: '한국정보공사 재처리 없는 해결' }, options)
    applyTemplates(ws.store, { template_names: ['MTTR'] }, options)
    const kpis = () =>
      ws.store.sqlite
        .prepare(
          `SELECT name, display_name AS shown, json_extract(filter, '$.tenant') AS tenant FROM kpi_definitions ORDER BY id`,
        )
        .all()
    const versionNames = () =>
      ws.store.sqlite
        .prepare('SELECT display_name FROM kpi_definition_versions ORDER BY kpi_id, version')
        .pluck()
        .all()

    serve(NORTH, [['T01', '한국정보진흥원']])

    expect(kpis()).toEqual([
      {
        name: 'MTTR@한국정보공사',
        shown: '평균 복구 시간 (MTTR) · 한국정보진흥원',
        tenant: '한국정보진흥원',
      },
      { name: 'FCR@한국정보공사', shown: '한국정보공사 재처리 없는 해결', tenant: '한국정보진흥원' },
      { name: 'MTTR', shown: '평균 복구 시간 (MTTR)', tenant: null },
    ])
    // History reads as the board does (its filters followed the rename already).
    expect(versionNames()).toEqual([
      '평균 복구 시간 (MTTR) · 한국정보진흥원',
      '첫 번째 해결율 (FCR) · 한국정보진흥원',
      '한국정보공사 재처리 없는 해결',
      '평균 복구 시간 (MTTR)',
    ])
    // Asked again for the tenant under its new name: the KPIs it already has are not made twice.
    expect(
      applyTemplates(ws.store, { template_names: ['MTTR', 'FCR'], tenant: '한국정보진흥원' }, options),
    ).toEqual({ created: [], skipped: ['MTTR@한국정보공사', 'FCR@한국정보공사'], count: 0 })
  })

  it('a rename back is a rename too: one tenant, the first row, under its first name', () => {
    serve(NORTH, [['T01', 'A']])
    addSrs(ws, [{ tenant: 'A', status: 'OPEN', created: '2025-02-01T00:00:00Z' }])
    const id = tenantId('A')
    serve(NORTH, [['T01', 'B']])
    serve(NORTH, [['T01', 'A']])
    expect(tenants()).toEqual([{ id, name: 'A' }])
    expect(srCountOf('A')).toBe(1)
  })

  it('a tenant first created from an SR name is adopted by its id, then renamed', () => {
    addSrs(ws, [{ tenant: '새 기관', status: 'OPEN', created: '2025-02-01T00:00:00Z' }])
    const id = tenantId('새 기관')
    serve(NORTH, [['T09', '새 기관']])
    expect(tenants()).toEqual([{ id, name: '새 기관' }])
    serve(NORTH, [['T09', '새 기관 (개명)']])
    expect(tenants()).toEqual([{ id, name: '새 기관 (개명)' }])
    expect(srCountOf('새 기관 (개명)')).toBe(1)
  })

  it('the new name held by a tenant this connection does not serve: merged, no SR lost or counted twice', () => {
    serve(NORTH, [['T01', '구 이름']])
    // SRs that arrived with the new name before /tenants served the rename, and people, deployments
    // and usage of both names.
    addSrs(ws, [
      { source: NORTH, sourceId: 'SR-1', tenant: '구 이름', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { source: NORTH, sourceId: 'SR-2', tenant: '새 이름', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
      { source: NORTH, sourceId: 'SR-3', tenant: '새 이름', status: 'OPEN', created: '2025-02-03T00:00:00Z' },
    ])
    upsertPeople(ws.store, [
      { source: NORTH, sourceId: 'P1', name: '이서연', role: 'requester', tenant: '새 이름', createdAt: T0 },
    ])
    upsertDeployments(ws.store, [
      {
        source: NORTH,
        sourceId: 'D1',
        tenant: '새 이름',
        name: 'v1',
        createdAt: T0,
        finishedAt: T0,
        status: 'DEPLOYED',
      },
    ])
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: '구 이름', feature: 'f', month: '2025-01', count: 10 },
      { source: NORTH, tenant: '구 이름', feature: 'f', month: '2025-02', count: 5 },
      { source: NORTH, tenant: '새 이름', feature: 'f', month: '2025-02', count: 7 },
      { source: SOUTH, tenant: '새 이름', feature: 'f', month: '2025-02', count: 1 },
    ])
    const renamed = tenantId('구 이름')

    serve(NORTH, [['T01', '새 이름']])

    expect(tenants()).toEqual([{ id: renamed, name: '새 이름' }])
    expect(srCountOf('새 이름')).toBe(3)
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get()).toBe(3)
    expect(ws.store.sqlite.prepare('SELECT DISTINCT tenant_id FROM people').pluck().all()).toEqual([renamed])
    expect(ws.store.sqlite.prepare('SELECT DISTINCT tenant_id FROM deployments').pluck().all()).toEqual([
      renamed,
    ])
    expect(
      ws.store.sqlite
        .prepare('SELECT source, month, count, tenant_id FROM feature_usage ORDER BY source, month')
        .all(),
    ).toEqual([
      { source: NORTH, month: '2025-01', count: 10, tenant_id: renamed },
      // The same server row served under each name: the larger (later) count, once.
      { source: NORTH, month: '2025-02', count: 7, tenant_id: renamed },
      { source: SOUTH, month: '2025-02', count: 1, tenant_id: renamed },
    ])
    expect(ws.store.sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('renames of two tenants swapping names in one page swap them, nothing merged', () => {
    serve(NORTH, [
      ['T01', 'A'],
      ['T02', 'B'],
    ])
    addSrs(ws, [
      { tenant: 'A', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { tenant: 'B', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
      { tenant: 'B', status: 'OPEN', created: '2025-02-03T00:00:00Z' },
    ])
    const [a, b] = [tenantId('A'), tenantId('B')]
    serve(NORTH, [
      ['T01', 'B'],
      ['T02', 'A'],
    ])
    expect(tenants()).toEqual([
      { id: a, name: 'B' },
      { id: b, name: 'A' },
    ])
    expect([srCountOf('A'), srCountOf('B')]).toEqual([2, 1])
  })

  it('a swap split over two pages waits under the old name, then completes; a chain works too', () => {
    serve(NORTH, [
      ['T01', 'A'],
      ['T02', 'B'],
      ['T03', 'C'],
    ])
    const [a, b, c] = [tenantId('A'), tenantId('B'), tenantId('C')]
    // T01 takes B's name while T02 still holds it: not merged, T01 waits.
    serve(NORTH, [['T01', 'B']])
    expect(tenants()).toEqual([
      { id: a, name: 'A' },
      { id: b, name: 'B' },
      { id: c, name: 'C' },
    ])
    // T02 moves on to D (a chain): T01's rename goes ahead in the same page.
    serve(NORTH, [['T02', 'D']])
    expect(tenants()).toEqual([
      { id: a, name: 'B' },
      { id: b, name: 'D' },
      { id: c, name: 'C' },
    ])
  })

  it('the same name from two connections is one tenant; a rename by one is not undone by the other', () => {
    serve(NORTH, [['T01', '공동 기관']])
    serve(SOUTH, [['X-7', '공동 기관']])
    expect(tenants().map((t) => t.name)).toEqual(['공동 기관'])
    const id = tenantId('공동 기관')
    serve(NORTH, [['T01', '공동 기관 (개명)']])
    expect(tenants()).toEqual([{ id, name: '공동 기관 (개명)' }])
    // South serves other rows later: it does not rename the tenant back.
    serve(SOUTH, [['X-8', '다른 기관']])
    expect(tenants().map((t) => t.name)).toEqual(['공동 기관 (개명)', '다른 기관'])
  })

  it('tenants without ids (file imports, the demo) are still matched by name only', () => {
    serve(NORTH, [['T01', 'A']])
    ensureTenants(ws.store, [
      { name: 'A', createdAt: T0 - 1 },
      { name: 'B', createdAt: T0 },
    ])
    expect(tenants().map((t) => t.name)).toEqual(['A', 'B'])
    serve(NORTH, [['T01', 'A2']])
    expect(tenants().map((t) => t.name)).toEqual(['A2', 'B'])
  })
})

describe('a category served under a new name', () => {
  const categories = () => ws.store.sqlite.prepare('SELECT id, name FROM categories ORDER BY id').all()
  const categoryOfSrs = () =>
    ws.store.sqlite
      .prepare(
        'SELECT c.name FROM service_requests sr JOIN categories c ON c.id = sr.category_id ORDER BY sr.id',
      )
      .pluck()
      .all()

  it('is renamed in place, and merged with a category of the new name it does not serve', () => {
    ensureCategories(ws.store, [{ name: '네트워크', source: NORTH, sourceId: 'C01' }, '계정'])
    ws.store.sqlite
      .prepare(`INSERT INTO sla_calendars (name, kind, created_at, updated_at) VALUES ('c', '24x7', 0, 0)`)
      .run()
    ws.store.sqlite
      .prepare(
        `INSERT INTO sla_policy_versions (version, effective_from, calendar_id, targets, overrides, created_at)
         VALUES (99, 0, (SELECT max(id) FROM sla_calendars), '{"P1":4,"P2":8,"P3":24,"P4":72}', ?, 0)`,
      )
      .run(
        JSON.stringify([
          { category: '네트워크', priority: 'P1', hours: 2 },
          { category: '계정', hours: 8 },
        ]),
      )
    addSrs(ws, [
      { tenant: 'A', category: '네트워크', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { tenant: 'A', category: '네트워크/보안', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
    ])
    const id = ws.store.sqlite.prepare(`SELECT id FROM categories WHERE name = '네트워크'`).pluck().get()
    ensureCategories(ws.store, [{ name: '네트워크/보안', source: NORTH, sourceId: 'C01' }])
    expect(categories()).toEqual([
      { id, name: '네트워크/보안' },
      { id: expect.any(Number), name: '계정' },
    ])
    expect(categoryOfSrs()).toEqual(['네트워크/보안', '네트워크/보안'])
    // The SLA override of the category follows it, so its new SRs keep their target.
    expect(
      (
        ws.store.sqlite
          .prepare('SELECT overrides FROM sla_policy_versions WHERE version = 99')
          .pluck()
          .all() as string[]
      ).map((o) => JSON.parse(o) as unknown),
    ).toEqual([
      [
        { category: '네트워크/보안', priority: 'P1', hours: 2 },
        { category: '계정', hours: 8 },
      ],
    ])
    expect(ws.store.sqlite.pragma('foreign_key_check')).toEqual([])
  })
})

describe('a category merged into another: its SRs are judged as a fresh sync would judge them', () => {
  const HOUR = 3_600_000
  const NET = '네트워크'
  const SEC = '네트워크/보안'
  // SRs of both names, resolved after 1 h, 10 h and 30 h: on time or late depending on the target.
  const srsOf = (category: string, from: number) =>
    [1, 10, 30].map((h, i) => ({
      source: NORTH,
      sourceId: `SR-${from + i}`,
      tenant: 'A',
      category,
      status: 'RESOLVED' as const,
      created: '2025-02-03T00:00:00Z',
      resolved: new Date(Date.parse('2025-02-03T00:00:00Z') + h * HOUR).toISOString(),
    }))
  const policy = (store: TempWorkspace, overrides: SlaOverride[]) =>
    insertPolicyVersion(
      store.store,
      {
        effectiveFrom: 0,
        calendar: '24x7',
        targets: { P1: 4, P2: 8, P3: 24, P4: 72 },
        overrides,
        pauseOnPending: false,
      },
      { now: T0, zone: 'Asia/Seoul', changedBy: null },
    )
  const judgements = (store: TempWorkspace) =>
    store.store.sqlite
      .prepare(
        `SELECT sr.source_id AS id, c.name AS category, sr.sla_target_ms AS target, sr.sla_met AS met
         FROM service_requests sr JOIN categories c ON c.id = sr.category_id ORDER BY sr.source_id`,
      )
      .all()
  // The SLA heatmap's numbers: SRs resolved and resolved on time, per category.
  const rollup = (store: TempWorkspace) => {
    ensureRollups(store.store, 'Asia/Seoul', 'Asia/Seoul')
    return store.store.sqlite
      .prepare(
        `SELECT c.name AS category, sum(r.resolved) AS resolved, sum(r.on_time) AS onTime
         FROM sr_rollup_category_daily r JOIN categories c ON c.id = r.category_id GROUP BY c.name`,
      )
      .all()
  }
  // The same SRs and the policy as it stands after the merge, written afresh under the new name.
  const fresh = (overrides: unknown) => {
    const other = tempWorkspace('ops-renames-fresh-')
    try {
      policy(other, overrides as SlaOverride[])
      addSrs(other, [...srsOf(SEC, 1), ...srsOf(SEC, 4)])
      return { judgements: judgements(other), rollup: rollup(other) }
    } finally {
      other.dispose()
    }
  }
  const overridesNow = () =>
    JSON.parse(
      ws.store.sqlite
        .prepare('SELECT overrides FROM sla_policy_versions ORDER BY version DESC LIMIT 1')
        .pluck()
        .get() as string,
    ) as unknown

  // The policy after the merge: the renamed category's overrides follow it, except one the new name
  // already had for the same priority (the policy must not give one override twice).
  it.each([
    [
      'both have overrides for any priority, and they differ',
      [
        { category: NET, priority: null, hours: 2 },
        { category: SEC, priority: null, hours: 48 },
      ],
      [{ category: SEC, priority: null, hours: 48 }],
    ],
    [
      'both have overrides, of different priorities',
      [
        { category: NET, priority: 'P3', hours: 2 },
        { category: SEC, priority: null, hours: 48 },
      ],
      [
        { category: SEC, priority: 'P3', hours: 2 },
        { category: SEC, priority: null, hours: 48 },
      ],
    ],
    [
      'only the renamed category has one',
      [{ category: NET, priority: 'P3', hours: 2 }],
      [{ category: SEC, priority: 'P3', hours: 2 }],
    ],
    [
      'only the category merged into it has one',
      [{ category: SEC, priority: null, hours: 12 }],
      [{ category: SEC, priority: null, hours: 12 }],
    ],
  ] as [string, SlaOverride[], SlaOverride[]][])('%s', (_, overrides, after) => {
    policy(ws, overrides)
    ensureCategories(ws.store, [{ name: NET, source: NORTH, sourceId: 'C01' }])
    // SRs that arrived under the new name before /categories served the rename, and the old name's.
    addSrs(ws, [...srsOf(NET, 1), ...srsOf(SEC, 4)])
    rollup(ws)

    ensureCategories(ws.store, [{ name: SEC, source: NORTH, sourceId: 'C01' }])

    expect(overridesNow()).toEqual(after)
    const expected = fresh(overridesNow())
    expect(judgements(ws)).toEqual(expected.judgements)
    expect(rollup(ws)).toEqual(expected.rollup)
  })

  it('a rename onto a name the policy already overrides re-judges the renamed category', () => {
    policy(ws, [{ category: SEC, priority: null, hours: 12 }])
    ensureCategories(ws.store, [{ name: NET, source: NORTH, sourceId: 'C01' }])
    addSrs(ws, srsOf(NET, 1))
    ensureCategories(ws.store, [{ name: SEC, source: NORTH, sourceId: 'C01' }])
    expect(judgements(ws)).toEqual(
      [1, 2, 3].map((n, i) => ({ id: `SR-${n}`, category: SEC, target: 12 * HOUR, met: i < 2 ? 1 : 0 })),
    )
  })
})

describe('what a connection learnt from its server', () => {
  // A connection of the same name added again later (or moved to another server) numbers its tenants
  // afresh: id T01 there is another institution, which must be a tenant of its own.
  const otherServer = (): void => serve(NORTH, [['T01', '부산광역시청']])

  it('its tenant ids are forgotten with the connection: a later connection of that name renames nothing', () => {
    addSource(ws.store, { name: 'north', kind: 'itsm', config: { url: 'http://127.0.0.1:2' } }, 0)
    serve(NORTH, [['T01', '한국정보공사']])
    addSrs(ws, [{ tenant: '한국정보공사', status: 'OPEN', created: '2025-02-01T00:00:00Z' }])
    expect(removeSource(ws.store, 'north')).toBe(true)

    addSource(ws.store, { name: 'north', kind: 'itsm', config: { url: 'http://127.0.0.1:3' } }, 1)
    otherServer()
    expect(tenants().map((t) => t.name)).toEqual(['한국정보공사', '부산광역시청'])
    expect(srCountOf('한국정보공사')).toBe(1)
  })

  it('its tenant ids are forgotten when the connection is pointed at another server, and kept when it is saved at the same address', async () => {
    addSource(ws.store, { name: 'north', kind: 'itsm', config: { url: 'http://127.0.0.1:2' } }, 0)
    serve(NORTH, [['T01', '한국정보공사']])
    // Saved at the same address: the ids still hold, so a rename there is still a rename.
    await updateSourceWithSecret(ws.store, undefined, { name: 'north', url: 'http://127.0.0.1:2' }, 1)
    serve(NORTH, [['T01', '한국정보진흥원']])
    expect(tenants().map((t) => t.name)).toEqual(['한국정보진흥원'])

    await updateSourceWithSecret(ws.store, undefined, { name: 'north', url: 'http://127.0.0.1:3' }, 2)
    otherServer()
    expect(tenants().map((t) => t.name)).toEqual(['한국정보진흥원', '부산광역시청'])
  })

  it('go with its events still waiting for their SR when it is pointed at another server', async () => {
    addSource(ws.store, { name: 'north', kind: 'itsm', config: { url: 'http://127.0.0.1:2' } }, 0)
    parkSrEvents(ws.store, [{ source: NORTH, sourceId: 'SR-9', at: T0, kind: 'comment', note: '확인' }], T0)
    const parked = () =>
      ws.store.sqlite.prepare('SELECT count(*) FROM sr_events_parked WHERE source = ?').pluck().get(NORTH)
    await updateSourceWithSecret(ws.store, undefined, { name: 'north', url: 'http://127.0.0.1:2' }, 1)
    expect(parked()).toBe(1)
    // SR-9 of the new server is another SR: the old server's comment must not be written into it.
    await updateSourceWithSecret(ws.store, undefined, { name: 'north', url: 'http://127.0.0.1:3' }, 2)
    expect(parked()).toBe(0)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch, type HandlerTable } from '../../../src/main/core/dispatch'
import { createKpiHandlers } from '../../../src/main/core/kpi/handlers'
import type { Channel, RequestOf, ResponseOf } from '../../../src/shared/ipc/contract'
import type { KpiBoard } from '../../../src/shared/ipc/types-kpi'
import type { TempWorkspace } from '../../helpers/workspace'
import { A, AS_OF, seedFeeds, seedSrs, tempWorkspace, testContext, type TestContext } from './fixture'

describe('KPI engine through its channels (hand-worked fixture, as of 2026-03-18 15:00 KST)', () => {
  let ws: TempWorkspace
  let ctx: TestContext
  let handlers: HandlerTable
  const invoke = <C extends Channel>(channel: C, req: RequestOf<C>) => dispatch(handlers, channel, req)
  async function ok<C extends Channel>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> {
    const r = await invoke(channel, req)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.data as ResponseOf<C>
  }
  const item = (board: KpiBoard, name: string) => board.kpis.find((k) => k.name === name)

  beforeEach(() => {
    ws = tempWorkspace()
    seedSrs(ws)
    seedFeeds(ws)
    ctx = testContext(ws)
    handlers = createKpiHandlers(ctx) as HandlerTable
  })
  afterEach(() => ws.dispose())

  it('applies the ITSM templates and judges each per SPEC §6', async () => {
    const applied = await ok('kpi:apply', {
      template_names: ['MTTR', 'FCR', 'SLA_COMPLIANCE', 'SR_BACKLOG', 'DEPLOY_SUCCESS_RATE'],
    })
    expect(applied).toEqual({
      created: ['MTTR', 'FCR', 'SLA_COMPLIANCE', 'SR_BACKLOG', 'DEPLOY_SUCCESS_RATE'],
      skipped: [],
      count: 5,
    })
    const board = await ok('kpi:list', {})
    // MTTR (3 + 10 + 24)/3 = 12.333 h > 1.2 × 4 → RED, 4/12.333 = 32.43 %
    expect(item(board, 'MTTR')).toMatchObject({
      value: 12.33,
      target: 4,
      status: 'RED',
      achievement_pct: 32.4,
      unit: 'hours',
    })
    // FCR 33.33 % of 80 = 41.67 % → RED
    expect(item(board, 'FCR')).toMatchObject({
      value: 33.33,
      target: 80,
      status: 'RED',
      achievement_pct: 41.7,
    })
    // SLA 66.67 % of 95 = 70.18 % → RED
    expect(item(board, 'SLA_COMPLIANCE')).toMatchObject({
      value: 66.67,
      status: 'RED',
      achievement_pct: 70.2,
    })
    // backlog now 2 ≤ 10 → GREEN 100
    expect(item(board, 'SR_BACKLOG')).toMatchObject({
      value: 2,
      target: 10,
      status: 'GREEN',
      achievement_pct: 100,
      unit: '건',
    })
    // deployments 50 % of 95 = 52.63 % → RED
    expect(item(board, 'DEPLOY_SUCCESS_RATE')).toMatchObject({
      value: 50,
      status: 'RED',
      achievement_pct: 52.6,
    })
    expect(board.summary).toEqual({ GREEN: 1, YELLOW: 0, RED: 4, NO_DATA: 0 })
    expect(board.overall_status).toBe('RED')
    // MTTR history: February (SR 6, 2 h → GREEN) then March (partial)
    expect(item(board, 'MTTR')?.history.map((p) => [p.period_start, p.value, p.status, p.partial])).toEqual([
      ['2026-02-01T00:00:00+09:00', 2, 'GREEN', false],
      ['2026-03-01T00:00:00+09:00', 12.33, 'RED', true],
    ])
    // applying again skips what exists
    expect(await ok('kpi:apply', { template_names: ['MTTR'] })).toEqual({
      created: [],
      skipped: ['MTTR'],
      count: 0,
    })
    expect(ctx.events.some((e) => e.startsWith('data:changed:{"reason":"kpi"'))).toBe(true)
  })

  it('YouTube templates read the selected channel', async () => {
    await ok('kpi:apply', { template_names: ['YT_VIEWS', 'YT_ENGAGEMENT_RATE'] })
    const board = await ok('kpi:list', {})
    // March views 400 of 30,000 → 1.33 % RED; engagement 5 % of 5 → 100 % GREEN
    expect(item(board, 'YT_VIEWS')).toMatchObject({ value: 400, status: 'RED', achievement_pct: 1.3 })
    expect(item(board, 'YT_ENGAGEMENT_RATE')).toMatchObject({
      value: 5,
      status: 'GREEN',
      achievement_pct: 100,
    })
  })

  it('YELLOW, NO_DATA and a LOWER_BETTER value of 0', async () => {
    // FCR of tenant B: resolved in March SR 3 (reopened) → 0 %… use SLA of B: SR 3 met → 100 % → GREEN.
    // A YELLOW: MTTR of tenant A is (3 + 10)/2 = 6.5 h against target 6 → 6.5 ≤ 7.2 → YELLOW, 6/6.5 = 92.3 %
    await ok('kpi:create', {
      name: 'MTTR_A',
      display_name: 'MTTR A',
      unit: 'hours',
      direction: 'LOWER_BETTER',
      target: 6,
      base_metric: 'mttr',
      filter: { tenant: A },
    })
    // P1 backlog now: none open → 0 → GREEN 100
    await ok('kpi:create', {
      name: 'P1_BACKLOG',
      display_name: 'P1 backlog',
      unit: '건',
      direction: 'LOWER_BETTER',
      target: 0,
      period: 'DAILY',
      base_metric: 'backlog',
      filter: { priority: 'P1' },
    })
    // MTTR of P4: nothing resolved → NO_DATA
    await ok('kpi:create', {
      name: 'MTTR_P4',
      display_name: 'MTTR P4',
      unit: 'hours',
      direction: 'LOWER_BETTER',
      target: 72,
      base_metric: 'mttr',
      filter: { priority: 'P4' },
    })
    const board = await ok('kpi:list', {})
    expect(item(board, 'MTTR_A')).toMatchObject({ value: 6.5, status: 'YELLOW', achievement_pct: 92.3 })
    expect(item(board, 'P1_BACKLOG')).toMatchObject({ value: 0, status: 'GREEN', achievement_pct: 100 })
    expect(item(board, 'MTTR_P4')).toMatchObject({ value: null, status: 'NO_DATA', achievement_pct: null })
    expect(board.summary).toEqual({ GREEN: 1, YELLOW: 1, RED: 0, NO_DATA: 1 })
    expect(board.overall_status).toBe('YELLOW')
    // the board can be narrowed to KPIs of one tenant
    expect((await ok('kpi:list', { tenants: [A] })).kpis.map((k) => k.name)).toEqual(['MTTR_A'])
  })

  it('an edit is a new version: old periods keep the old target', async () => {
    await ok('kpi:apply', { template_names: ['MTTR'] })
    // v2 target 13 from the current period (default): March 12.33 ≤ 13 → GREEN; February stays v1 (2 ≤ 4 GREEN)
    await ok('kpi:update', { kpi: 'MTTR', target: 13 })
    let detail = await ok('kpi:get', { kpi: 'MTTR' })
    expect(detail.versions.map((v) => [v.version, v.target, v.effective_from])).toEqual([
      [1, 4, null],
      [2, 13, '2026-03-01T00:00:00+09:00'],
    ])
    expect(detail.version_in_force).toBe(2)
    expect(detail.history.map((p) => [p.version, p.target, p.status])).toEqual([
      [1, 4, 'GREEN'],
      [2, 13, 'GREEN'],
    ])
    // v3 target 1 effective 2026-02-10 → from February's period on: Feb 2 h > 1.2 → RED 50 %; March RED
    await ok('kpi:update', { kpi: 'MTTR', target: 1, effective_from: '2026-02-10' })
    detail = await ok('kpi:get', { kpi: 'MTTR' })
    expect(detail.history.map((p) => [p.version, p.target, p.status, p.achievement_pct])).toEqual([
      [3, 1, 'RED', 50],
      [3, 1, 'RED', 8.1], // 1 / 12.333 = 8.11 %
    ])
    // edited thresholds: yellowFactor 10 with target 1.25 makes 12.33 ≤ 12.5 YELLOW in the current period
    await ok('kpi:update', { kpi: 'MTTR', target: 1.25, thresholds: { yellowFactor: 10 } })
    const board = await ok('kpi:list', {})
    expect(item(board, 'MTTR')).toMatchObject({ status: 'YELLOW', target: 1.25 })
    expect(item(board, 'MTTR')?.history[0]?.status).toBe('RED')
  })

  it('history honours from/to and drill-down lists the SRs behind a value', async () => {
    await ok('kpi:apply', { template_names: ['MTTR', 'FCR', 'SR_BACKLOG', 'YT_VIEWS'] })
    const h = await ok('kpi:history', { kpi: 'MTTR', from: '2026-03-01' })
    expect(h.history.map((p) => p.period_start)).toEqual(['2026-03-01T00:00:00+09:00'])
    const feb = await ok('kpi:history', { kpi: 'MTTR', to: '2026-02-28' })
    expect(feb.history.map((p) => p.value)).toEqual([2])

    const fcr = await ok('kpi:drill-down', { kpi: 'FCR' })
    // resolved in March: SRs 3, 2, 1 (newest first); only SR 1 counts toward FCR
    expect(fcr.total).toBe(3)
    expect(fcr.rows.map((r) => [r.priority, r.resolution_hours, r.counted])).toEqual([
      ['P3', 24, false],
      ['P2', 10, false],
      ['P1', 3, true],
    ])
    const mttrFeb = await ok('kpi:drill-down', { kpi: 'MTTR', period: '2026-02-15' })
    expect([mttrFeb.period_start, mttrFeb.total, mttrFeb.rows[0]?.resolution_hours]).toEqual([
      '2026-02-01T00:00:00+09:00',
      1,
      2,
    ])
    const backlog = await ok('kpi:drill-down', { kpi: 'SR_BACKLOG' })
    expect(backlog.rows.map((r) => r.status).sort()).toEqual(['IN_PROGRESS', 'OPEN'])
    // Backlog at the end of past days, newest created first. 03-03: the IN_PROGRESS SR (02-20) and
    // the SR cancelled on 03-04 (created 03-01); the SR resolved 03-03 19:00 is finished by then.
    // 03-05: the IN_PROGRESS SR and the SR created 03-05 resolved 03-06; the cancelled one is gone.
    const days = await ok('kpi:history', { kpi: 'SR_BACKLOG', from: '2026-03-03', to: '2026-03-05' })
    for (const [day, statuses] of [
      ['2026-03-03', ['CANCELLED', 'IN_PROGRESS']],
      ['2026-03-05', ['DONE', 'IN_PROGRESS']],
    ] as const) {
      const d = await ok('kpi:drill-down', { kpi: 'SR_BACKLOG', period: day })
      expect(d.rows.map((r) => r.status)).toEqual(statuses)
      expect(d.total).toBe(2)
      expect(days.history.find((p) => p.period_start.startsWith(day))?.value).toBe(d.total)
    }
    const yt = await invoke('kpi:drill-down', { kpi: 'YT_VIEWS' })
    expect(yt).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('delete removes the KPI and its values', async () => {
    await ok('kpi:apply', { template_names: ['MTTR'] })
    expect(await ok('kpi:delete', { kpi: 'MTTR' })).toEqual({ deleted: 'MTTR' })
    expect((await ok('kpi:list', {})).kpis).toEqual([])
    expect(ws.store.sqlite.prepare('SELECT count(*) AS n FROM kpi_values').get()).toEqual({ n: 0 })
    expect(await invoke('kpi:get', { kpi: 'MTTR' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('only an admin may change KPIs (FORBIDDEN otherwise); anyone may read', async () => {
    await ok('kpi:apply', { template_names: ['MTTR'] })
    ctx.setRole('operator')
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
    expect(await invoke('kpi:apply', { template_names: ['FCR'] })).toMatchObject(forbidden)
    expect(await invoke('kpi:update', { kpi: 'MTTR', target: 5 })).toMatchObject(forbidden)
    expect(await invoke('kpi:delete', { kpi: 'MTTR' })).toMatchObject(forbidden)
    expect(
      await invoke('kpi:create', {
        name: 'X',
        display_name: 'X',
        unit: '건',
        direction: 'LOWER_BETTER',
        target: 1,
        base_metric: 'created',
      }),
    ).toMatchObject(forbidden)
    expect((await ok('kpi:list', {})).kpis).toHaveLength(1)
    expect((await ok('kpi:get', { kpi: 'MTTR' })).definition.target).toBe(4)
  })

  it('bad payloads are BAD_REQUEST with a message that says what to fix, and change nothing', async () => {
    const base = {
      name: 'K',
      display_name: 'K',
      unit: '%',
      direction: 'HIGHER_BETTER',
      target: 90,
      base_metric: 'fcr',
    } as const
    const expectBad = async (req: unknown, text: RegExp) => {
      const r = await dispatch(handlers, 'kpi:create', req)
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
      if (!r.ok) expect(r.error.message).toMatch(text)
    }
    await expectBad({ ...base, target: 'ninety' }, /target/)
    await expectBad({ ...base, target: 0 }, /greater than 0/)
    await expectBad(
      { ...base, thresholds: { green: 70, yellow: 80 } },
      /yellow \(80\) must not exceed green \(70\)/,
    )
    await expectBad({ ...base, thresholds: { yellowFactor: 0.5 } }, /yellowFactor/)
    await expectBad(
      { ...base, base_metric: 'deploy_success_rate', filter: { category: 'DB' } },
      /filter.category does not apply/,
    )
    await expectBad({ ...base, filter: { tenant: '없는기관' } }, /no tenant named "없는기관"/)
    await expectBad({ ...base, name: 'has space' }, /no spaces/)
    await expectBad({ ...base, base_metric: 'arbitrary_sql' }, /base_metric/)
    await expectBad({ ...base, effective_from: '2026-02-30' }, /Invalid date|2026-02-30/)
    expect(await invoke('kpi:apply', { template_names: ['NOPE'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/Unknown template "NOPE"/) },
    })
    expect((await ok('kpi:list', {})).kpis).toEqual([])
  })

  it('uses --as-of: a board at an earlier instant reads that period', async () => {
    await ok('kpi:apply', { template_names: ['MTTR'] })
    const feb = await ok('kpi:list', { asOf: '2026-02-20' })
    // February's row was computed as a closed period (as of March 18), so it holds the whole month
    expect(item(feb, 'MTTR')).toMatchObject({
      value: 2,
      status: 'GREEN',
      period_start: '2026-02-01T00:00:00+09:00',
    })
    expect(feb.as_of).toBe('2026-02-20T23:59:59.999+09:00')
    expect(AS_OF).toContain('2026-03-18')
  })
})

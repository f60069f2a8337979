// SPEC §4 widgets on a hand-worked fixture (Asia/Seoul, as-of Wednesday 2026-03-18 15:00 KST).
// Every expected value is worked out below from the fixture, never computed by the code under test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestOf } from '../../../src/shared/ipc/contract'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { handlersFor } from './bi-context'

const A = '서울특별시청'
const B = '부산광역시청'
const KIM = '김철수'
const LEE = '이영희'
const AS_OF = '2026-03-18T15:00:00+09:00'
const MARCH = { asOf: AS_OF, from: '2026-03-01', to: '2026-03-31' }

// The fixture (KST = UTC+9):
//  S1 A Network P1 DONE      Kim  created 03-02 10:00, resolved 03-02 12:00 (2 h, P1 4 h → met)
//  S2 A Network P2 RESOLVED  Kim  created 02-28 23:00, resolved 03-01 00:00 exactly (1 h, met) → March
//  S3 A —       P3 OPEN      —    created 2026-03-09T16:30Z = 03-10 01:30 KST (another local day than UTC)
//  S4 B Server  P3 RESOLVED  Lee  created 03-03 09:00, no resolved_at, closed 03-05 21:00 → resolved_at
//                                 derived = closed_at (60 h, P3 24 h → breached)
//  S5 B Server  P4 CANCELLED Lee  created 03-04 11:00, closed 03-04 14:00
//  S6 A Server  P2 IN_PROGRESS Lee created 03-18 10:00 (as-of's day, before as-of)
//  S7 A Network P1 DONE      Kim  created 03-18 16:00 (after as-of: never counted)
//  S8 B Network P4 PENDING   Kim  created 02-20 09:00
//  S9 A Server  P1 DONE      Lee  created 02-10 09:00, resolved 02-10 15:00 (6 h, P1 4 h → breached)
function fixture(ws: TempWorkspace): void {
  addSrs(ws, [
    {
      tenant: A,
      category: 'Network',
      priority: 'P1',
      status: 'DONE',
      assignee: KIM,
      created: '2026-03-02T10:00:00+09:00',
      resolved: '2026-03-02T12:00:00+09:00',
    },
    {
      tenant: A,
      category: 'Network',
      priority: 'P2',
      status: 'RESOLVED',
      assignee: KIM,
      created: '2026-02-28T23:00:00+09:00',
      resolved: '2026-03-01T00:00:00+09:00',
    },
    { tenant: A, priority: 'P3', status: 'OPEN', created: '2026-03-09T16:30:00Z' },
    {
      tenant: B,
      category: 'Server',
      priority: 'P3',
      status: 'RESOLVED',
      assignee: LEE,
      created: '2026-03-03T09:00:00+09:00',
      closed: '2026-03-05T21:00:00+09:00',
    },
    {
      tenant: B,
      category: 'Server',
      priority: 'P4',
      status: 'CANCELLED',
      assignee: LEE,
      created: '2026-03-04T11:00:00+09:00',
      closed: '2026-03-04T14:00:00+09:00',
    },
    {
      tenant: A,
      category: 'Server',
      priority: 'P2',
      status: 'IN_PROGRESS',
      assignee: LEE,
      created: '2026-03-18T10:00:00+09:00',
    },
    {
      tenant: A,
      category: 'Network',
      priority: 'P1',
      status: 'DONE',
      assignee: KIM,
      created: '2026-03-18T16:00:00+09:00',
      resolved: '2026-03-18T17:00:00+09:00',
    },
    {
      tenant: B,
      category: 'Network',
      priority: 'P4',
      status: 'PENDING',
      assignee: KIM,
      created: '2026-02-20T09:00:00+09:00',
    },
    {
      tenant: A,
      category: 'Server',
      priority: 'P1',
      status: 'DONE',
      assignee: LEE,
      created: '2026-02-10T09:00:00+09:00',
      resolved: '2026-02-10T15:00:00+09:00',
    },
  ])
}

describe('BI widgets (SPEC §4) on a hand-worked fixture', () => {
  let ws: TempWorkspace
  let h: ReturnType<typeof handlersFor>
  const drill = async (req: RequestOf<'bi:drill-down'>) => {
    const r = await h['bi:drill-down']({ asOf: AS_OF, pageSize: 1000, ...req })
    return { total: r.total, numbers: r.rows.map((x) => x.title).sort() }
  }

  beforeEach(() => {
    ws = tempWorkspace()
    fixture(ws)
    h = handlersFor(ws)
  })
  afterEach(() => ws.dispose())

  it('sr-trend daily: every day present with zeros, local days, the as-of day partial', async () => {
    const r = await h['bi:sr-trend']({ ...MARCH, period: 'daily' })
    // March 1 … 18 (the range stops at as-of): 18 buckets.
    expect(r.labels).toHaveLength(18)
    expect(r.labels[0]).toBe('2026-03-01')
    expect(r.labels[17]).toBe('2026-03-18')
    // created: S1 03-02, S4 03-03, S5 03-04, S3 03-10 (UTC 03-09), S6 03-18; S7 is after as-of.
    expect(r.datasets[0].data).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])
    // resolved: S2 03-01 00:00 exactly, S1 03-02, S4 03-05 (derived from closed_at).
    expect(r.datasets[1].data).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(r.buckets.map((b) => b.partial)).toEqual([...Array(17).fill(false), true])
    expect(r.buckets[17]).toMatchObject({
      start: '2026-03-18T00:00:00+09:00',
      end: '2026-03-18T15:00:00.001+09:00',
    })
    expect(r.datasets.map((d) => d.label)).toEqual(['신규 SR', '완료 SR'])
  })

  it('sr-trend weekly and monthly: ISO weeks clipped by the range, calendar months', async () => {
    const w = await h['bi:sr-trend']({ ...MARCH, period: 'weekly' })
    // W09 = 02-23…03-01 (cut to 03-01 by the range), W10 03-02…08, W11 03-09…15, W12 03-16… (as-of).
    expect(w.labels).toEqual(['2026-W09', '2026-W10', '2026-W11', '2026-W12'])
    expect(w.datasets[0].data).toEqual([0, 3, 1, 1]) // W10: S1 S4 S5; W11: S3; W12: S6
    expect(w.datasets[1].data).toEqual([1, 2, 0, 0]) // W09: S2; W10: S1 S4
    expect(w.buckets.map((b) => b.partial)).toEqual([true, false, false, true])
    const m = await h['bi:sr-trend']({ asOf: AS_OF, from: '2026-02-01', to: '2026-03-31', period: 'monthly' })
    expect(m.labels).toEqual(['2026-02', '2026-03'])
    expect(m.datasets[0].data).toEqual([3, 5]) // Feb: S2 S8 S9; Mar: S1 S3 S4 S5 S6
    expect(m.datasets[1].data).toEqual([1, 3]) // Feb: S9; Mar: S1 S2 S4
    expect(m.buckets.map((b) => b.partial)).toEqual([false, true])
  })

  it('mttr-trend: month of resolution (boundary instant → March), every month present', async () => {
    const r = await h['bi:mttr-trend']({ asOf: AS_OF, months: 3 })
    // January: none. February: S9 6 h. March: S2 1 h, S1 2 h, S4 60 h → 63 / 3 = 21.0 h.
    // March holds as-of (counted up to it): partial, like sr-trend's bucket.
    expect(r.raw).toEqual([
      { month: '2026-01', mttr_hours: null, count: 0, partial: false },
      { month: '2026-02', mttr_hours: 6, count: 1, partial: false },
      { month: '2026-03', mttr_hours: 21, count: 3, partial: true },
    ])
    expect(r.datasets[0].data).toEqual([null, 6, 21])
    // Whole months before as-of: none partial.
    const past = await h['bi:mttr-trend']({ asOf: AS_OF, from: '2026-01-01', to: '2026-02-28' })
    expect(past.raw.map((m) => [m.month, m.partial])).toEqual([
      ['2026-01', false],
      ['2026-02', false],
    ])
    const cut = await h['bi:mttr-trend']({ asOf: AS_OF, from: '2026-02-01', to: '2026-03-02' })
    // To 03-02 (inclusive): S2 (03-01 00:00) and S1 (03-02 12:00): (1 + 2) / 2 = 1.5 h; S4 (03-05)
    // falls after the range. March is cut short by the range: partial.
    expect(cut.raw).toEqual([
      { month: '2026-02', mttr_hours: 6, count: 1, partial: false },
      { month: '2026-03', mttr_hours: 1.5, count: 2, partial: true },
    ])
  })

  it('sla-heatmap: ISO week of resolution × category with compliance', async () => {
    const r = await h['bi:sla-heatmap'](MARCH)
    expect(r.data).toEqual([
      // S2 resolved 03-01 (W09): P2, 1 h ≤ 8 h.
      {
        week: '2026-W09',
        week_start: '2026-02-23',
        category: 'Network',
        category_key: 'Network',
        total: 1,
        on_time: 1,
        compliance_pct: 100,
      },
      // S1: P1 2 h ≤ 4 h.
      {
        week: '2026-W10',
        week_start: '2026-03-02',
        category: 'Network',
        category_key: 'Network',
        total: 1,
        on_time: 1,
        compliance_pct: 100,
      },
      // S4: P3 60 h > 24 h.
      {
        week: '2026-W10',
        week_start: '2026-03-02',
        category: 'Server',
        category_key: 'Server',
        total: 1,
        on_time: 0,
        compliance_pct: 0,
      },
    ])
    expect(r.weeks.map((w) => w.key)).toEqual(['2026-W09', '2026-W10', '2026-W11', '2026-W12'])
    // 2 of 3 on time = 66.666… → 66.7
    expect(r.summary).toEqual({ total: 3, on_time: 2, compliance_pct: 66.7 })
  })

  it('engineer-load: created in range by assignee; CANCELLED in total only; 미배정 / Unassigned', async () => {
    const r = await h['bi:engineer-load'](MARCH)
    // Lee: S4 RESOLVED, S5 CANCELLED, S6 IN_PROGRESS; Kim: S1 DONE; none: S3 OPEN.
    expect(r.data).toEqual([
      { engineer: LEE, assignee_id: expect.any(Number), total: 3, resolved: 1, open: 1 },
      { engineer: KIM, assignee_id: expect.any(Number), total: 1, resolved: 1, open: 0 },
      { engineer: '미배정', assignee_id: null, total: 1, resolved: 0, open: 1 },
    ])
    expect(r.datasets.map((d) => [d.key, d.data])).toEqual([
      ['resolved', [1, 1, 0]],
      ['open', [1, 0, 1]],
    ])
    const en = await handlersFor(ws, 'Asia/Seoul', 'en')['bi:engineer-load']({ ...MARCH, lang: 'en' })
    expect(en.labels).toContain('Unassigned')
  })

  it('category-pie: count and share, 미분류 / Uncategorised for no category, tenant filter', async () => {
    const r = await h['bi:category-pie'](MARCH)
    // Server S4 S5 S6 = 3 of 5 → 60.0; Network S1 = 20.0; none S3 = 20.0 (named before 미분류 on ties).
    expect(r.total).toBe(5)
    expect(r.data).toEqual([
      { category: 'Server', category_key: 'Server', count: 3, pct: 60 },
      { category: 'Network', category_key: 'Network', count: 1, pct: 20 },
      { category: '미분류', category_key: null, count: 1, pct: 20 },
    ])
    const en = await h['bi:category-pie']({ ...MARCH, lang: 'en' })
    expect(en.data[2]?.category).toBe('Uncategorised')
    const b = await h['bi:category-pie']({ ...MARCH, tenants: [B] })
    // Tenant B in March: S4, S5 (both Server).
    expect(b.data).toEqual([{ category: 'Server', category_key: 'Server', count: 2, pct: 100 }])
  })

  it('resolution-funnel: current status in order, CANCELLED apart, tenant filter', async () => {
    const r = await h['bi:resolution-funnel'](MARCH)
    // OPEN S3, IN_PROGRESS S6, PENDING none, RESOLVED S4, DONE S1: 4 → 25.0 % each; S5 apart.
    expect(r.funnel.map((f) => [f.stage, f.count, f.pct])).toEqual([
      ['OPEN', 1, 25],
      ['IN_PROGRESS', 1, 25],
      ['PENDING', 0, 0],
      ['RESOLVED', 1, 25],
      ['DONE', 1, 25],
    ])
    expect(r.total_created).toBe(4)
    expect(r.cancelled).toBe(1)
    const b = await h['bi:resolution-funnel']({ ...MARCH, tenants: [B] })
    expect(b.total_created).toBe(1) // S4 (S5 is cancelled)
    expect(b.funnel.find((f) => f.stage === 'RESOLVED')?.pct).toBe(100)
  })

  it('drill-down: the rows behind each number are exactly that many', async () => {
    const trend = await h['bi:sr-trend']({ ...MARCH, period: 'weekly' })
    const w10 = await drill({
      ...MARCH,
      widget: 'sr-trend',
      period: 'weekly',
      bucket: '2026-W10',
      series: 'created',
    })
    expect(w10.total).toBe(3) // S1 S4 S5
    expect(w10.total).toBe(trend.datasets[0].data[1])
    expect(w10.numbers).toHaveLength(3)
    const titles = await drill({
      ...MARCH,
      widget: 'sr-trend',
      period: 'weekly',
      bucket: '2026-W09',
      series: 'resolved',
    })
    expect(titles.total).toBe(1)
    const heat = await drill({
      ...MARCH,
      widget: 'sla-heatmap',
      bucket: '2026-W10',
      category: 'Server',
      series: 'late',
    })
    expect(heat.total).toBe(1)
    const heatOk = await drill({
      ...MARCH,
      widget: 'sla-heatmap',
      bucket: '2026-W10',
      category: 'Network',
      series: 'on_time',
    })
    expect(heatOk.total).toBe(1)
    const load = await h['bi:engineer-load'](MARCH)
    for (const row of load.data) {
      for (const series of ['total', 'resolved', 'open'] as const) {
        const d = await drill({ ...MARCH, widget: 'engineer-load', assignee: row.assignee_id, series })
        expect(d.total).toBe(row[series])
      }
    }
    const pie = await h['bi:category-pie'](MARCH)
    for (const slice of pie.data) {
      expect((await drill({ ...MARCH, widget: 'category-pie', category: slice.category_key })).total).toBe(
        slice.count,
      )
    }
    const funnel = await h['bi:resolution-funnel'](MARCH)
    for (const f of funnel.funnel) {
      const d = await h['bi:drill-down']({
        ...MARCH,
        widget: 'resolution-funnel',
        stage: f.stage,
      })
      expect(d.total).toBe(f.count)
      // The listed SRs are the stage's own (the status test is kept off the index, not dropped).
      expect(d.rows.map((r) => r.status)).toEqual(Array<string>(f.count).fill(f.stage))
    }
    expect((await drill({ ...MARCH, widget: 'resolution-funnel', stage: 'CANCELLED' })).total).toBe(1)
    const mttr = await h['bi:mttr-trend']({ asOf: AS_OF, months: 3 })
    for (const m of mttr.raw) {
      expect((await drill({ widget: 'mttr-trend', months: 3, bucket: m.month })).total).toBe(m.count)
    }
    const daily = await h['bi:sr-trend']({ ...MARCH, period: 'daily' })
    for (const [i, b] of daily.buckets.entries()) {
      for (const [j, series] of (['created', 'resolved'] as const).entries()) {
        const d = await drill({ ...MARCH, widget: 'sr-trend', period: 'daily', bucket: b.key, series })
        expect(d.total).toBe(daily.datasets[j]?.data[i])
      }
    }
    const ov = await h['bi:overview']({ asOf: AS_OF })
    for (const card of ov.cards.filter((c) => c.key !== 'mttr')) {
      expect((await drill({ widget: 'overview', series: card.key })).total).toBe(card.value)
    }
  })

  it('engineer-load drill-down names the assignee in its title', async () => {
    const load = await h['bi:engineer-load'](MARCH)
    const lee = load.data.find((d) => d.engineer === LEE)
    const d = await h['bi:drill-down']({
      ...MARCH,
      widget: 'engineer-load',
      assignee: lee?.assignee_id ?? 0,
      series: 'open',
    })
    // Lee's open SR created in March: S6.
    expect(d.title).toBe(`2026-03-01–2026-03-31 · ${LEE} · 진행중`)
    expect(d.total).toBe(1)
    const none = await h['bi:drill-down']({ ...MARCH, widget: 'engineer-load', assignee: null, lang: 'en' })
    expect(none.title).toBe('2026-03-01–2026-03-31 · Unassigned')
  })

  it('drill-down rows carry the SR columns (derived resolved_at, MTTR hours, SLA met)', async () => {
    const r = await h['bi:drill-down']({
      ...MARCH,
      widget: 'sla-heatmap',
      bucket: '2026-W10',
      category: 'Server',
    })
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({
      tenant: B,
      category: 'Server',
      priority: 'P3',
      status: 'RESOLVED',
      assignee: LEE,
      created_at: '2026-03-03T09:00:00+09:00',
      resolved_at: '2026-03-05T21:00:00+09:00', // = closed_at (the source gave no resolved_at)
      mttr_hours: 60,
      sla_met: false,
    })
    const open = await h['bi:drill-down']({ ...MARCH, widget: 'category-pie', category: null })
    expect(open.rows[0]).toMatchObject({
      category: null,
      assignee: null,
      resolved_at: null,
      mttr_hours: null,
      sla_met: null,
    })
  })

  it('drill-down refuses a bucket outside the range and a series the widget has not', async () => {
    expect(() => h['bi:drill-down']({ ...MARCH, widget: 'sr-trend', bucket: '2026-04-01' })).toThrow(
      /not in the widget's range \(2026-03-01 … 2026-03-18\)/,
    )
    expect(() =>
      h['bi:drill-down']({ ...MARCH, widget: 'category-pie', category: 'Server', series: 'open' }),
    ).toThrow(/series for category-pie is one of count/)
  })
})

describe('engineer-load top 20', () => {
  it('keeps the 20 assignees with most SRs and counts all of them', async () => {
    const ws = tempWorkspace()
    try {
      // Engineer e01 … e21 gets i SRs created on 03-10: the top 20 are e21 … e02 (e01 with 1 SR is cut).
      const rows = []
      for (let i = 1; i <= 21; i++) {
        for (let k = 0; k < i; k++) {
          rows.push({
            tenant: A,
            status: 'OPEN' as const,
            assignee: `e${String(i).padStart(2, '0')}`,
            created: '2026-03-10T09:00:00+09:00',
          })
        }
      }
      addSrs(ws, rows)
      const r = await handlersFor(ws)['bi:engineer-load'](MARCH)
      expect(r.data).toHaveLength(20)
      expect(r.data[0]).toMatchObject({ engineer: 'e21', total: 21, open: 21 })
      expect(r.data[19]).toMatchObject({ engineer: 'e02', total: 2 })
      expect(r.engineer_count).toBe(21)
    } finally {
      ws.dispose()
    }
  })
})

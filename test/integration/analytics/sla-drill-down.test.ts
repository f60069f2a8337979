// The SLA screen's drill-downs over the whole range (SPEC §4 "every number opens its SRs"): the
// summary figures (resolved, on time, late) with no week and/or no category, the flat list of the
// SRs resolved late with SLA elapsed vs target hours, sorted by how late. Expected values are worked
// out by hand below; each figure is checked through the rollups (workspace zone) and through the
// SR rows (Asia/Tokyo: same offset as Seoul, no DST, but not the rollups' zone).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestOf } from '../../../src/shared/ipc/contract'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { handlersFor } from './bi-context'

const A = '서울특별시청'
const B = '부산광역시청'
// Wednesday 2026-03-18 15:00 KST; the range is March (clipped at as-of).
const MARCH = { asOf: '2026-03-18T15:00:00+09:00', from: '2026-03-01', to: '2026-03-31' }

// Default SLA targets (SPEC §3): P1 4 h, P2 8 h, P3 24 h, P4 72 h, 24×7.
//  L1 A Network P1 03-02 09:00 → 03-02 19:00  10 h vs 4 h: late by 6 h    (week W10)
//  L2 A Server  P2 03-05 09:00 → 03-06 09:00  24 h vs 8 h: late by 16 h   (W10)
//  L3 A Network P3 03-10 09:00 → 03-11 10:00  25 h vs 24 h: late by 1 h   (W11)
//  L4 A —       P4 03-09 00:00 → 03-13 00:00  96 h vs 72 h: late by 24 h  (W11)
//  X3 B Server  P1 03-04 09:00 → 03-04 18:00   9 h vs 4 h: late by 5 h    (W10)
//  O1 A Network P3 03-12 09:00 → 03-12 21:00  12 h vs 24 h: on time       (W11)
//  O2 A Server  P1 03-16 09:00 → 03-16 12:00   3 h vs 4 h: on time, 1 h early (W12)
//  O3 A Network P2 03-17 00:00 → 03-17 08:00   8 h vs 8 h: on time (≤ target) (W12)
//  F1 A Network P1 02-20 09:00 → 02-20 20:00  late, but resolved in February: outside the range
//  N1 A Network P1 03-18 10:00 → 03-18 20:00  late, but resolved after as-of: not yet
//  P1 A Server  P2 OPEN, created 03-03: never resolved
function fixture(ws: TempWorkspace): void {
  const done = (
    title: string,
    tenant: string,
    category: string | null,
    priority: 'P1' | 'P2' | 'P3' | 'P4',
    created: string,
    resolved: string,
  ) => ({
    title,
    tenant,
    category,
    priority,
    status: 'DONE' as const,
    created: `2026-${created}:00+09:00`,
    resolved: `2026-${resolved}:00+09:00`,
  })
  addSrs(ws, [
    done('L1', A, 'Network', 'P1', '03-02T09:00', '03-02T19:00'),
    done('L2', A, 'Server', 'P2', '03-05T09:00', '03-06T09:00'),
    done('L3', A, 'Network', 'P3', '03-10T09:00', '03-11T10:00'),
    done('L4', A, null, 'P4', '03-09T00:00', '03-13T00:00'),
    done('X3', B, 'Server', 'P1', '03-04T09:00', '03-04T18:00'),
    done('O1', A, 'Network', 'P3', '03-12T09:00', '03-12T21:00'),
    done('O2', A, 'Server', 'P1', '03-16T09:00', '03-16T12:00'),
    done('O3', A, 'Network', 'P2', '03-17T00:00', '03-17T08:00'),
    done('F1', A, 'Network', 'P1', '02-20T09:00', '02-20T20:00'),
    done('N1', A, 'Network', 'P1', '03-18T10:00', '03-18T20:00'),
    {
      title: 'P1',
      tenant: A,
      category: 'Server',
      priority: 'P2',
      status: 'OPEN',
      created: '2026-03-03T09:00:00+09:00',
    },
  ])
}

describe.each([
  ['through the rollups', 'Asia/Seoul'],
  ['from the SR rows', 'Asia/Tokyo'],
])('SLA drill-down over the whole range, %s', (_, timeZone) => {
  let ws: TempWorkspace
  let h: ReturnType<typeof handlersFor>
  const drill = async (req: Partial<RequestOf<'bi:drill-down'>>) =>
    h['bi:drill-down']({ ...MARCH, timeZone, widget: 'sla-heatmap', pageSize: 100, ...req })
  const titles = async (req: Partial<RequestOf<'bi:drill-down'>>) =>
    (await drill(req)).rows.map((r) => r.title)

  beforeEach(() => {
    ws = tempWorkspace()
    fixture(ws)
    h = handlersFor(ws, 'Asia/Seoul')
  })
  afterEach(() => ws.dispose())

  it('the summary figures open as many SRs as they show', async () => {
    const heatmap = await h['bi:sla-heatmap']({ ...MARCH, timeZone })
    // Resolved in range: L1 L2 L3 L4 X3 O1 O2 O3 = 8; on time O1 O2 O3 = 3; late 8 − 3 = 5.
    expect(heatmap.summary).toEqual({ total: 8, on_time: 3, compliance_pct: 37.5 })
    const all = await drill({ series: 'total' })
    expect(all.total).toBe(8)
    expect(all.rows).toHaveLength(8)
    const onTime = await drill({ series: 'on_time' })
    expect(onTime.total).toBe(3)
    expect(onTime.rows.map((r) => r.title).sort()).toEqual(['O1', 'O2', 'O3'])
    const late = await drill({ series: 'late' })
    expect(late.total).toBe(5)
    expect(late.total).toBe(heatmap.summary.total - heatmap.summary.on_time)
    expect(late.title).toBe('2026-03-01–2026-03-31 · 기한 초과 해결')
    expect((await drill({ series: 'on_time', category: 'Network', lang: 'en' })).title).toBe(
      '2026-03-01–2026-03-31 · Network · Resolved on time',
    )
    expect((await drill({ series: 'total', bucket: '2026-W10' })).title).toBe('2026-W10 · 해결')
    expect(late.range).toMatchObject({ from: '2026-03-01', to: '2026-03-31' })
  })

  it('one category over every week, one week over every category, and the tenant filter', async () => {
    // Network: L1 L3 O1 O3 resolved; L1 L3 late.
    expect((await drill({ series: 'total', category: 'Network' })).total).toBe(4)
    expect(await titles({ series: 'late', category: 'Network' })).toEqual(['L3', 'L1'])
    // No category: L4.
    expect(await titles({ series: 'late', category: null })).toEqual(['L4'])
    expect((await drill({ series: 'late', category: 'Printer' })).total).toBe(0)
    // Week W10 (03-02 … 03-08), every category: L1 L2 X3 late.
    expect((await drill({ series: 'late', bucket: '2026-W10' })).total).toBe(3)
    // Tenant B: X3 only.
    expect(await titles({ series: 'late', tenants: [B] })).toEqual(['X3'])
  })

  it('lists the late SRs latest resolved first by default, or by how late', async () => {
    // Resolved: L4 03-13 00:00, L3 03-11 10:00, L2 03-06 09:00, X3 03-04 18:00, L1 03-02 19:00.
    const late = await drill({ series: 'late' })
    expect(late.sort).toBe('resolved')
    expect(late.rows.map((r) => r.title)).toEqual(['L4', 'L3', 'L2', 'X3', 'L1'])
    // Late by: L4 24 h, L2 16 h, L1 6 h, X3 5 h, L3 1 h.
    expect(await titles({ series: 'late', sort: 'over_target' })).toEqual(['L4', 'L2', 'L1', 'X3', 'L3'])
    expect(await titles({ series: 'late', sort: 'over_target', order: 'asc' })).toEqual([
      'L3',
      'X3',
      'L1',
      'L2',
      'L4',
    ])
    // Created: L3 03-10, L4 03-09, L2 03-05, X3 03-04, L1 03-02.
    expect(await titles({ series: 'late', sort: 'created' })).toEqual(['L3', 'L4', 'L2', 'X3', 'L1'])
    // Pages of 2 by how late: [L4 L2] [L1 X3] [L3], each with the full total.
    const page2 = await drill({ series: 'late', sort: 'over_target', page: 2, pageSize: 2 })
    expect(page2.total).toBe(5)
    expect(page2.rows.map((r) => r.title)).toEqual(['L1', 'X3'])
  })

  it('each row carries SLA elapsed vs target hours and how late it was', async () => {
    const rows = (await drill({ series: 'total', sort: 'over_target' })).rows
    const row = (title: string) => rows.find((r) => r.title === title)
    expect(row('L2')).toMatchObject({
      tenant: A,
      category: 'Server',
      priority: 'P2',
      assignee: null,
      created_at: '2026-03-05T09:00:00+09:00',
      resolved_at: '2026-03-06T09:00:00+09:00',
      sla_met: false,
      sla_target_hours: 8,
      sla_elapsed_hours: 24, // 03-05 09:00 → 03-06 09:00
      over_target_hours: 16, // 24 − 8
    })
    expect(row('L3')).toMatchObject({ sla_target_hours: 24, sla_elapsed_hours: 25, over_target_hours: 1 })
    // Exactly on target: on time, 0 over.
    expect(row('O3')).toMatchObject({ sla_met: true, sla_elapsed_hours: 8, over_target_hours: 0 })
    // 3 h against 4 h: an hour early.
    expect(row('O2')).toMatchObject({ sla_met: true, sla_target_hours: 4, over_target_hours: -1 })
    // Every late SR is over its target, every on-time one is not.
    for (const r of rows) expect((r.over_target_hours ?? 0) > 0).toBe(r.sla_met === false)
  })
})

describe('SLA drill-down requests', () => {
  it('refuses a week outside the range and the old series name', async () => {
    const ws = tempWorkspace()
    try {
      fixture(ws)
      const h = handlersFor(ws)
      expect(() =>
        h['bi:drill-down']({ ...MARCH, widget: 'sla-heatmap', series: 'late', bucket: '2026-W20' }),
      ).toThrow(/week "2026-W20" is not in the widget's range \(2026-W09 … 2026-W12\)/)
      expect(() => h['bi:drill-down']({ ...MARCH, widget: 'sla-heatmap', series: 'breached' })).toThrow(
        /series for sla-heatmap is one of total, on_time, late/,
      )
    } finally {
      ws.dispose()
    }
  })
})

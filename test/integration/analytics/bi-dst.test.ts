// Daily buckets across the America/New_York DST changes: 2026-03-08 is 23 hours long (clocks jump
// from 02:00 EST to 03:00 EDT), 2026-11-01 is 25 hours long (02:00 EDT back to 01:00 EST). Counted
// through the rollups (workspace zone New York) and from the rows (workspace zone Seoul, request in
// New York): both must put each SR on its local day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { handlersFor } from './bi-context'

const NY = 'America/New_York'
const HOUR = 3_600_000

describe('sr-trend daily buckets across DST in America/New_York', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      // 2026-03-08T04:30Z = 03-07 23:30 EST → Mar 7
      { tenant: 'T', status: 'DONE', created: '2026-03-08T04:30:00Z', resolved: '2026-03-09T04:30:00Z' },
      // 03-08 12:00Z = 08:00 EDT → Mar 8
      { tenant: 'T', status: 'OPEN', created: '2026-03-08T12:00:00Z' },
      // 03-09 04:30Z = 03-09 00:30 EDT → Mar 9 (a 24-hour day from 05:00Z would say Mar 8)
      { tenant: 'T', status: 'OPEN', created: '2026-03-09T04:30:00Z' },
      { tenant: 'T', status: 'OPEN', created: '2026-03-09T15:00:00Z' },
      // 11-02 04:30Z = 11-01 23:30 EST → Nov 1 (a 24-hour day from 04:00Z would say Nov 2)
      { tenant: 'T', status: 'OPEN', created: '2026-11-02T04:30:00Z' },
    ])
  })
  afterEach(() => ws.dispose())

  for (const [how, workspaceZone] of [
    ['rollups', NY],
    ['rows', 'Asia/Seoul'],
  ] as const) {
    it(`spring forward: a 23-hour day (${how})`, async () => {
      const h = handlersFor(ws, workspaceZone)
      const r = await h['bi:sr-trend']({
        asOf: '2026-03-20T12:00:00-04:00',
        timeZone: NY,
        from: '2026-03-07',
        to: '2026-03-09',
        period: 'daily',
      })
      expect(r.labels).toEqual(['2026-03-07', '2026-03-08', '2026-03-09'])
      expect(r.datasets[0].data).toEqual([1, 1, 2])
      // The first SR resolved at 03-09 00:30 EDT.
      expect(r.datasets[1].data).toEqual([0, 0, 1])
      expect(r.buckets[1]).toEqual({
        key: '2026-03-08',
        start: '2026-03-08T00:00:00-05:00',
        end: '2026-03-09T00:00:00-04:00',
        partial: false,
      })
      const b = r.buckets[1] as { start: string; end: string }
      expect(Date.parse(b.end) - Date.parse(b.start)).toBe(23 * HOUR)
    })

    it(`fall back: a 25-hour day (${how})`, async () => {
      const h = handlersFor(ws, workspaceZone)
      const r = await h['bi:sr-trend']({
        asOf: '2026-11-10T12:00:00-05:00',
        timeZone: NY,
        from: '2026-10-31',
        to: '2026-11-02',
        period: 'daily',
      })
      expect(r.datasets[0].data).toEqual([0, 1, 0])
      const b = r.buckets[1] as { start: string; end: string }
      expect(b).toMatchObject({ start: '2026-11-01T00:00:00-04:00', end: '2026-11-02T00:00:00-05:00' })
      expect(Date.parse(b.end) - Date.parse(b.start)).toBe(25 * HOUR)
    })
  }
})

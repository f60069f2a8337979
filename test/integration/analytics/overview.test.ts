import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { overview } from '../../../src/main/core/analytics/overview'
import { resolveQuery } from '../../../src/main/core/analytics/query'
import { setWatermark } from '../../../src/main/core/db/meta'
import type { OverviewCardKey, OverviewResponse } from '../../../src/shared/ipc/types'
import type { BiFilter } from '../../../src/shared/ipc/contract'
import { readRollupState } from '../../../src/main/core/rollups/rollups'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { handlersFor } from './bi-context'

const A = '서울특별시청'
const B = '부산광역시청'
// Wednesday 2026-03-18 15:00 in Seoul. March so far: 03-01 00:00 KST … as-of (inclusive);
// February: 02-01 … 03-01 00:00 KST; this ISO week: Monday 03-16 00:00 KST.
const AS_OF = '2026-03-18T15:00:00+09:00'

function value(o: OverviewResponse, key: OverviewCardKey): number | null | undefined {
  return o.cards.find((c) => c.key === key)?.value
}
function card(o: OverviewResponse, key: OverviewCardKey) {
  return o.cards.find((c) => c.key === key)
}

// Each case runs twice: counted from the SR rows (the metrics module), and through the `bi:overview`
// handler, which counts whole local days from the BI rollups built for the workspace zone and the
// part of as-of's day from the rows (a request in another zone falls back to the rows).
describe.each([
  ['from the SR rows', false],
  ['through the handler and the rollups', true],
])('overview cards (SPEC §4) on a hand-worked fixture, %s', (_, viaHandler) => {
  let ws: TempWorkspace
  const run = (filter: BiFilter = {}): OverviewResponse => {
    const request = { asOf: AS_OF, ...filter }
    if (viaHandler) {
      const answer = handlersFor(ws, 'Asia/Seoul')['bi:overview'](request)
      if (answer instanceof Promise) throw new Error('bi:overview answers synchronously')
      // In the workspace zone the rollups were built and are what answered (another zone: the rows).
      if (filter.timeZone === undefined) {
        expect(readRollupState(ws.store.sqlite)).toMatchObject({ zone: 'Asia/Seoul', stale: false })
      }
      return answer
    }
    return overview(
      ws.store,
      resolveQuery(request, { now: () => 0, settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }) }),
    )
  }

  beforeEach(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      /* 1 */ { tenant: A, status: 'OPEN', created: '2026-03-10T09:00:00+09:00' },
      /* 2 */ { tenant: A, status: 'OPEN', created: '2026-03-18T16:00:00+09:00' }, // after as-of
      /* 3 */ { tenant: B, status: 'OPEN', created: '2026-02-20T09:00:00+09:00' },
      /* 4 */ { tenant: A, status: 'IN_PROGRESS', created: '2026-03-17T09:00:00+09:00' },
      /* 5 */ { tenant: B, status: 'PENDING', created: '2026-03-11T09:00:00+09:00' },
      /* 6: 4 h */ {
        tenant: A,
        status: 'DONE',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T13:00:00+09:00',
        closed: '2026-03-05T09:00:00+09:00',
      },
      /* 7: 2 h, this week */ {
        tenant: A,
        status: 'RESOLVED',
        created: '2026-03-16T08:00:00+09:00',
        resolved: '2026-03-16T10:00:00+09:00',
      },
      /* 8: 36 h, resolved exactly on the month boundary → March */ {
        tenant: B,
        status: 'DONE',
        created: '2026-02-27T12:00:00+09:00',
        resolved: '2026-03-01T00:00:00+09:00',
      },
      /* 9: February */ {
        tenant: B,
        status: 'DONE',
        created: '2026-02-10T00:00:00+09:00',
        resolved: '2026-02-28T23:59:59+09:00',
      },
      /* 10: 2 h, given in UTC: 02-28 15:30Z is 03-01 00:30 in Seoul → March */ {
        tenant: A,
        status: 'DONE',
        created: '2026-02-28T13:30:00Z',
        resolved: '2026-02-28T15:30:00Z',
      },
      /* 11: cancelled, never resolved */ {
        tenant: A,
        status: 'CANCELLED',
        created: '2026-03-05T09:00:00+09:00',
        closed: '2026-03-06T09:00:00+09:00',
      },
      /* 12: RESOLVED without resolved_at → updated_at (estimated), 6 h, this week */ {
        tenant: B,
        status: 'RESOLVED',
        created: '2026-03-17T06:00:00+09:00',
        updated: '2026-03-17T12:00:00+09:00',
      },
      /* 13: February */ {
        tenant: A,
        status: 'DONE',
        created: '2026-02-15T09:00:00+09:00',
        resolved: '2026-02-15T12:00:00+09:00',
      },
      /* 15: 1 h, resolved exactly at as-of → counts */ {
        tenant: B,
        status: 'DONE',
        created: '2026-03-18T14:00:00+09:00',
        resolved: '2026-03-18T15:00:00+09:00',
      },
      /* 16: resolved after as-of → not yet */ {
        tenant: A,
        status: 'DONE',
        created: '2026-03-18T10:00:00+09:00',
        resolved: '2026-03-18T20:00:00+09:00',
      },
    ])
  })
  afterEach(() => ws.dispose())

  it('counts open and in-progress SRs that exist at as-of', () => {
    const o = run()
    expect(value(o, 'open_sr')).toBe(2) // #1, #3 (#2 is created after as-of)
    expect(value(o, 'inprog_sr')).toBe(1) // #4; PENDING #5 is neither
  })

  it('counts resolved this month (by derived resolved_at) with the change against February', () => {
    const o = run()
    // March: #6, #7, #8 (boundary), #10 (UTC → local March), #12 (estimated), #15 (at as-of) = 6
    expect(value(o, 'done_month')).toBe(6)
    // February: #9, #13 = 2 → change +4
    expect(card(o, 'done_month')?.change).toBe(4)
    // Since Monday 03-16: #7, #12, #15
    expect(value(o, 'done_week')).toBe(3)
  })

  it('computes MTTR this month from resolved_at − created_at, not updated_at', () => {
    // (4 + 2 + 36 + 2 + 6 + 1) / 6 = 51 / 6 = 8.5 h (#6 was closed days later: that does not count)
    expect(value(run(), 'mttr')).toBe(8.5)
  })

  it('filters by tenant', () => {
    const o = run({ tenants: [A] })
    expect(value(o, 'open_sr')).toBe(1)
    expect(value(o, 'inprog_sr')).toBe(1)
    expect(value(o, 'done_month')).toBe(3) // #6, #7, #10
    expect(card(o, 'done_month')?.change).toBe(2) // February: #13
    expect(value(o, 'done_week')).toBe(1)
    expect(value(o, 'mttr')).toBe(2.7) // (4 + 2 + 2) / 3 = 2.666… → 2.7
    expect(o.tenants).toEqual([A])
    expect(value(run({ tenants: [A, B] }), 'done_month')).toBe(6)
    expect(value(run({ tenants: ['없는 기관'] }), 'done_month')).toBe(0)
  })

  it('moves the month boundary with the workspace time zone', () => {
    const o = run({ timeZone: 'UTC' })
    // In UTC March starts 03-01T00:00Z: #8 (02-28T15:00Z) and #10 (02-28T15:30Z) are February now.
    expect(value(o, 'done_month')).toBe(4) // #6, #7, #12, #15
    expect(card(o, 'done_month')?.change).toBe(0) // February: #8, #9, #10, #13
    expect(value(o, 'done_week')).toBe(3)
    expect(value(o, 'mttr')).toBe(3.3) // (4 + 2 + 6 + 1) / 4 = 3.25 → 3.3
    expect(o.as_of).toBe('2026-03-18T06:00:00Z')
  })

  it('reports the data watermark, not the clock, and null MTTR when nothing was resolved', () => {
    expect(run().updated_at).toBeNull()
    setWatermark(ws.store, Date.parse('2026-03-18T05:10:00Z'))
    const o = run()
    expect(o.updated_at).toBe('2026-03-18T14:10:00+09:00')
    expect(o.as_of).toBe('2026-03-18T15:00:00+09:00')
    const empty = run({ tenants: ['없는 기관'] })
    expect(value(empty, 'mttr')).toBeNull()
  })

  it('labels cards in the requested language', () => {
    expect(card(run(), 'open_sr')?.label).toBe('미처리 SR')
    expect(card(run({ lang: 'en' }), 'open_sr')?.label).toBe('Open SRs')
    expect(card(run({ lang: 'en' }), 'mttr')?.unit).toBe('h')
  })
})

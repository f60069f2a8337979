// User retention cohorts (SPEC §5) on a hand-worked fixture, zone Asia/Seoul (UTC+9). Every person
// is written first, so the SR writer finds them (by source id or name) instead of creating people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userRetention } from '../../../src/main/core/analytics/cohorts/user-retention'
import { upsertPeople, type PersonInput } from '../../../src/main/core/db/repositories/people'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '서울특별시청'
const AS_OF = '2026-03-18T15:00:00+09:00'
const at = (iso: string) => Date.parse(iso)

const person = (
  sourceId: string,
  name: string,
  role: PersonInput['role'],
  created: string,
  lastActive?: string,
): PersonInput => ({
  source: 'test',
  sourceId,
  name,
  role,
  tenant: role === 'requester' ? A : null,
  createdAt: at(created),
  lastActiveAt: lastActive ? at(lastActive) : null,
})

describe('user retention cohorts', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    upsertPeople(ws.store, [
      // Cohort 2026-01: u1, u3, u4, u5 (4 people)
      person('u1', '김가영', 'requester', '2026-01-10T09:00:00+09:00'), // files SRs in Jan and Mar
      person('u3', '박다솜', 'engineer', '2026-01-20T09:00:00+09:00'), // only a worklog in Feb
      // Assigned in March (SR assignee + assignment event); last_active_at after as-of is ignored.
      person('u4', '최라온', 'engineer', '2026-01-05T09:00:00+09:00', '2026-03-25T09:00:00+09:00'),
      person('u5', '정마루', 'requester', '2026-01-25T09:00:00+09:00'), // only an SR after as-of
      // Cohort 2026-02: u2, u6, u9 (3 people)
      // 01-31 15:30 UTC = 02-01 00:30 KST → February cohort; active only through last_active_at (Mar).
      person('u2', '이나래', 'requester', '2026-01-31T15:30:00Z', '2026-03-05T09:00:00+09:00'),
      // Files an SR on 02-28 15:10 UTC = 03-01 00:10 KST → active in March, not February.
      person('u6', '한바다', 'requester', '2026-02-20T09:00:00+09:00'),
      person('u9', '서은별', 'engineer', '2026-02-05T09:00:00+09:00'), // never active
      // Created after as-of: in no cohort.
      person('u7', '윤새봄', 'requester', '2026-03-20T09:00:00+09:00'),
      // Created in November 2025, before the first SR (January): outside the default window.
      person('u8', '오하늘', 'requester', '2025-11-03T09:00:00+09:00', '2026-01-15T09:00:00+09:00'),
    ])
    addSrs(ws, [
      {
        tenant: A,
        status: 'OPEN',
        requester: '김가영', // by display name
        created: '2026-01-12T09:00:00+09:00', // the first SR: the default window starts in January
        events: [{ at: at('2026-02-14T10:00:00+09:00'), kind: 'worklog', actor: '박다솜', note: '조치' }],
      },
      {
        tenant: A,
        status: 'IN_PROGRESS',
        requester: '김가영',
        assignee: '최라온',
        created: '2026-03-02T09:00:00+09:00',
        events: [{ at: at('2026-03-03T09:00:00+09:00'), kind: 'assignment', assignee: '최라온' }],
      },
      { tenant: A, status: 'OPEN', requester: 'u6', created: '2026-02-28T15:10:00Z' }, // by source id
      { tenant: A, status: 'OPEN', requester: '정마루', created: '2026-03-19T09:00:00+09:00' }, // after as-of
    ])
  })
  afterAll(() => ws.dispose())

  it('counts each cohort’s active people per month from all four kinds of activity', () => {
    const r = userRetention(ws.store, query({ asOf: AS_OF }))
    expect(r.partial_month).toBe('2026-03')
    expect(r.cohort_months).toBe(3)
    expect(r.data).toEqual([
      {
        cohort: '2026-01',
        new_users: 4,
        // Jan: u1 (SR) = 1 → 25 %; Feb: u3 (worklog) = 1 → 25 %; Mar: u1 (SR) + u4 (assigned) = 2 → 50 %
        active_by_month: [1, 1, 2],
        retention_by_month: [25, 25, 50],
        partial_index: 2,
      },
      {
        cohort: '2026-02',
        new_users: 3,
        // Feb: nobody → 0 %; Mar: u2 (last_active_at) + u6 (SR at 03-01 00:10 KST) = 2 of 3 → 66.666… → 66.7 %;
        // Apr: not reached
        active_by_month: [0, 2, null],
        retention_by_month: [0, 66.7, null],
        partial_index: 1,
      },
    ])
  })

  it('a range reaching back shows earlier cohorts, with 0 % for months without recorded activity', () => {
    const r = userRetention(ws.store, query({ asOf: AS_OF, from: '2025-11-01', to: '2025-11-30' }))
    // u8: Nov 0, Dec 0, Jan 1 (last_active_at 01-15), Feb 0, Mar 0 of a cohort of one.
    expect(r.data).toEqual([
      {
        cohort: '2025-11',
        new_users: 1,
        active_by_month: [0, 0, 1, 0, 0],
        retention_by_month: [0, 0, 100, 0, 0],
        partial_index: 4,
      },
    ])
  })

  it('the tenant filter keeps that tenant’s people (staff tied to no tenant drop out)', () => {
    const r = userRetention(ws.store, query({ asOf: AS_OF, tenants: [A] }))
    // Cohort 2026-01 is now u1 and u5: Jan u1 = 1 (50 %), Feb 0, Mar u1 = 1 (50 %).
    // Cohort 2026-02 loses the engineer u9: u2, u6 → Mar 2 of 2 = 100 %.
    expect(r.data.map((d) => [d.cohort, d.new_users, d.retention_by_month])).toEqual([
      ['2026-01', 2, [50, 0, 50]],
      ['2026-02', 2, [0, 100, null]],
    ])
  })

  it('as of a month’s last millisecond that month is complete', () => {
    const r = userRetention(ws.store, query({ asOf: '2026-01-31', tenants: [A] }))
    // As of the end of January: cohort 2026-01 of u1, u5; u1 active → 1/2 = 50 %; no partial month.
    expect(r.partial_month).toBeNull()
    expect(r.data).toEqual([
      {
        cohort: '2026-01',
        new_users: 2,
        active_by_month: [1],
        retention_by_month: [50],
        partial_index: null,
      },
    ])
  })
})

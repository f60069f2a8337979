import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertDeployments, type DeploymentInput } from '../../../src/main/core/db/repositories/ops-feeds'
import { periodContaining } from '../../../src/main/core/metrics/periods'
import {
  backlog,
  created,
  deploySuccessRate,
  fcr,
  mttr,
  reopenRate,
  resolved,
  resolvedWithMttr,
  slaCompliance,
} from '../../../src/main/core/metrics/sr-metrics'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const A = '서울특별시청'
const B = '부산광역시청'
const at = (iso: string): number => Date.parse(iso)
// March 2026 in Seoul: [2026-03-01 00:00 KST, 2026-04-01 00:00 KST) = [02-28T15:00Z, 03-31T15:00Z).
const MARCH = periodContaining(at('2026-03-15T12:00:00+09:00'), 'month', 'Asia/Seoul')
const EMPTY = periodContaining(at('2020-01-15T12:00:00+09:00'), 'month', 'Asia/Seoul')

describe('SPEC §3 metric functions on a hand-worked fixture', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      /* 1: 3 h, P1 (4 h) met, FCR */ {
        tenant: A,
        priority: 'P1',
        category: '네트워크',
        status: 'DONE',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T12:00:00+09:00',
      },
      /* 2: 10 h, P2 (8 h) breached, reassigned */ {
        tenant: A,
        priority: 'P2',
        category: '네트워크',
        status: 'RESOLVED',
        created: '2026-03-05T09:00:00+09:00',
        resolved: '2026-03-05T19:00:00+09:00',
        reassignmentCount: 1,
      },
      /* 3: 14 h, resolved exactly on the month boundary → March; P3 met; reopened */ {
        tenant: B,
        priority: 'P3',
        status: 'DONE',
        created: '2026-02-28T10:00:00+09:00',
        resolved: '2026-03-01T00:00:00+09:00',
        reopenCount: 1,
      },
      /* 4: resolved 03-31T15:00Z = 04-01 00:00 KST → April */ {
        tenant: B,
        priority: 'P3',
        status: 'RESOLVED',
        created: '2026-03-30T09:00:00+09:00',
        resolved: '2026-03-31T15:00:00Z',
      },
      /* 5: RESOLVED without resolved_at → updated_at, 48 h, P4 met, FCR */ {
        tenant: A,
        priority: 'P4',
        status: 'RESOLVED',
        created: '2026-03-10T09:00:00+09:00',
        updated: '2026-03-12T09:00:00+09:00',
      },
      /* 6: CANCELLED, finished at closed_at */ {
        tenant: A,
        priority: 'P3',
        status: 'CANCELLED',
        created: '2026-03-03T09:00:00+09:00',
        closed: '2026-03-04T09:00:00+09:00',
      },
      /* 7 */ { tenant: B, priority: 'P3', status: 'OPEN', created: '2026-03-20T09:00:00+09:00' },
      /* 8 */ { tenant: A, priority: 'P2', status: 'PENDING', created: '2026-02-10T09:00:00+09:00' },
      /* 9: created 02-28T16:00Z = 03-01 01:00 KST → March */ {
        tenant: B,
        priority: 'P3',
        status: 'IN_PROGRESS',
        created: '2026-02-28T16:00:00Z',
      },
      /* 10: February */ {
        tenant: A,
        priority: 'P3',
        status: 'DONE',
        created: '2026-02-02T09:00:00+09:00',
        resolved: '2026-02-03T09:00:00+09:00',
      },
    ])
    const d = (
      id: string,
      tenant: string,
      status: DeploymentInput['status'],
      finished: string | null,
    ): DeploymentInput => ({
      source: 'test',
      sourceId: id,
      tenant,
      name: id,
      status,
      createdAt: at('2026-03-01T09:00:00+09:00'),
      finishedAt: finished ? at(finished) : null,
    })
    upsertDeployments(ws.store, [
      d('D1', A, 'DEPLOYED', '2026-03-05T10:00:00+09:00'),
      d('D2', A, 'FAILED', '2026-03-06T10:00:00+09:00'),
      d('D3', A, 'ROLLED_BACK', '2026-03-07T10:00:00+09:00'),
      d('D4', A, 'RUNNING', null),
      d('D5', B, 'RUNNING', '2026-03-08T10:00:00+09:00'), // a finished_at on a RUNNING row does not count
      d('D6', A, 'DEPLOYED', '2026-03-31T15:00:00Z'), // 04-01 00:00 KST: April
      d('D7', B, 'DEPLOYED', '2026-03-10T10:00:00+09:00'),
    ])
  })
  afterAll(() => ws.dispose())

  it('created(P): #1 #2 #4 #5 #6 #7 #9 (9 is 03-01 01:00 KST although its UTC day is 02-28)', () => {
    expect(created(ws.store, MARCH)).toBe(7)
    expect(created(ws.store, MARCH, { tenants: [A] })).toBe(4) // #1 #2 #5 #6
    expect(created(ws.store, MARCH, { priority: 'P3' })).toBe(4) // #4 #6 #7 #9
  })

  it('resolved(P): #1 #2 #3 #5 — the boundary instant is March, 04-01 00:00 KST is not; CANCELLED never', () => {
    expect(resolved(ws.store, MARCH)).toBe(4)
    expect(resolved(ws.store, MARCH, { category: '네트워크' })).toBe(2)
    expect(resolved(ws.store, MARCH, { tenants: [A, B], priority: 'P3' })).toBe(1) // #3
  })

  it('MTTR(P) hours: (3 + 10 + 14 + 48) / 4 = 18.75', () => {
    expect(mttr(ws.store, MARCH)).toEqual({ value: 18.75, totalMs: 75 * 3_600_000, count: 4 })
    // The overview's index-only variant agrees while the policy is 24x7.
    expect(resolvedWithMttr(ws.store, MARCH)).toEqual({
      resolved: 4,
      mttr: { value: 18.75, totalMs: 75 * 3_600_000, count: 4 },
    })
    // Tenant A: (3 + 10 + 48) / 3 = 20.333…
    expect(mttr(ws.store, MARCH, { tenants: [A] }).value).toBeCloseTo(61 / 3, 10)
  })

  it('FCR(P) %: #1 and #5 have no reassignment and no reopen: 2 / 4 = 50', () => {
    expect(fcr(ws.store, MARCH)).toEqual({ value: 50, numerator: 2, denominator: 4 })
  })

  it('SLA compliance(P) %: #1 3≤4, #3 14≤24, #5 48≤72 met; #2 10>8 breached: 3 / 4 = 75', () => {
    expect(slaCompliance(ws.store, MARCH)).toEqual({ value: 75, numerator: 3, denominator: 4 })
    expect(slaCompliance(ws.store, MARCH, { category: '네트워크' })).toEqual({
      value: 50,
      numerator: 1,
      denominator: 2,
    })
  })

  it('reopen rate(P) %: #3 only: 1 / 4 = 25', () => {
    expect(reopenRate(ws.store, MARCH)).toEqual({ value: 25, numerator: 1, denominator: 4 })
  })

  it('backlog(t): created by t and not finished by t', () => {
    // 03-04 08:00 KST: #6 (cancelled at 09:00), #8 (PENDING since Feb), #9 (in progress).
    expect(backlog(ws.store, at('2026-03-04T08:00:00+09:00'))).toBe(3)
    // At 09:00 exactly #6 has finished.
    expect(backlog(ws.store, at('2026-03-04T09:00:00+09:00'))).toBe(2)
    expect(backlog(ws.store, at('2026-03-04T08:00:00+09:00'), { tenants: [B] })).toBe(1)
    // Just before #1 is resolved it is open too (created 03-02 09:00, resolved 12:00): #1, #8, #9.
    expect(backlog(ws.store, at('2026-03-02T11:59:59+09:00'))).toBe(3)
  })

  it('deploy success rate(P) %: DEPLOYED D1, D7 over finished D1, D2, D3, D7 (RUNNING and April excluded) = 50', () => {
    expect(deploySuccessRate(ws.store, MARCH)).toEqual({ value: 50, numerator: 2, denominator: 4 })
    expect(deploySuccessRate(ws.store, MARCH, { tenants: [A] }).value).toBeCloseTo(100 / 3, 10)
  })

  it('NO_DATA: every share and mean is null with a 0 denominator', () => {
    expect(created(ws.store, EMPTY)).toBe(0)
    expect(resolved(ws.store, EMPTY)).toBe(0)
    expect(mttr(ws.store, EMPTY)).toEqual({ value: null, totalMs: 0, count: 0 })
    expect(fcr(ws.store, EMPTY)).toEqual({ value: null, numerator: 0, denominator: 0 })
    expect(slaCompliance(ws.store, EMPTY).value).toBeNull()
    expect(reopenRate(ws.store, EMPTY).value).toBeNull()
    expect(deploySuccessRate(ws.store, EMPTY)).toEqual({ value: null, numerator: 0, denominator: 0 })
    expect(mttr(ws.store, MARCH, { category: '없는 분류' }).value).toBeNull()
  })
})

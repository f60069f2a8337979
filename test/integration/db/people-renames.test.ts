// A person served again under a new name (ITSM REST /people) is renamed in place; the person created
// from the new name by SRs and events read before /people served the rename is merged into them, and
// SRs naming them as requester by the old name follow. The hard cases of repositories/people.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { adoptParkedSrEvents, parkSrEvents } from '../../../src/main/core/db/repositories/parked-events'
import { upsertPeople, type PersonInput } from '../../../src/main/core/db/repositories/people'
import { upsertServiceRequests, type SrInput } from '../../../src/main/core/db/repositories/service-requests'
import { readRollupState, rebuildRollups } from '../../../src/main/core/rollups/rollups'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-people-renames-')
})
afterEach(() => ws.dispose())

const NORTH = 'itsm:north'
const ZONE = 'Asia/Seoul'
const T0 = Date.parse('2025-01-01T00:00:00Z')
const DAY = 86_400_000

const person = (sourceId: string, name: string, extra: Partial<PersonInput> = {}): PersonInput => ({
  source: NORTH,
  sourceId,
  name,
  email: `${sourceId.toLowerCase()}@example.go.kr`,
  role: 'engineer',
  createdAt: T0,
  lastActiveAt: T0 + DAY,
  ...extra,
})

let n = 0
const sr = (fields: Partial<SrInput>): SrInput => {
  n += 1
  return {
    source: NORTH,
    sourceId: `SR-${n}`,
    tenant: '서울특별시청',
    title: `SR ${n}`,
    priority: 'P3',
    status: 'IN_PROGRESS',
    createdAt: T0 + n * DAY,
    updatedAt: T0 + n * DAY + 1000,
    ...fields,
  }
}

const sql = {
  all: (q: string, ...args: unknown[]) => ws.store.sqlite.prepare(q).all(...args),
  value: (q: string, ...args: unknown[]) =>
    ws.store.sqlite
      .prepare(q)
      .pluck()
      .get(...args),
  column: (q: string, ...args: unknown[]) =>
    ws.store.sqlite
      .prepare(q)
      .pluck()
      .all(...args),
}
const peopleNamed = (name: string) =>
  sql.all('SELECT id, source_id, email FROM people WHERE name = ? ORDER BY id', name) as {
    id: number
    source_id: string
    email: string | null
  }[]
const assigneeRollups = () =>
  sql.all(
    `SELECT day, tenant_id, assignee_id, total, resolved, open FROM sr_rollup_assignee_daily
     ORDER BY day, tenant_id, assignee_id`,
  )

describe('a person served under a new name', () => {
  it('merges the person created from the new name: SRs, events and assignee rollups, none lost or counted twice', () => {
    upsertPeople(ws.store, [person('P1', '김민준')])
    const [served] = peopleNamed('김민준')
    // Rollups built, so the SR writer keeps them incrementally from here on.
    rebuildRollups(ws.store, ZONE)
    // SRs read before the rename (old name) and after it upstream but before /people served it
    // (new name): the latter make a person of the new name, with no e-mail or activity.
    upsertServiceRequests(ws.store, [
      sr({
        assignee: '김민준',
        events: [{ at: T0 + 2 * DAY, kind: 'assignment', actor: '김민준', assignee: '김민준' }],
      }),
      sr({
        assignee: '김민준 (전산팀)',
        status: 'RESOLVED',
        resolvedAt: T0 + 9 * DAY,
        events: [
          { at: T0 + 3 * DAY, kind: 'assignment', actor: '김민준', assignee: '김민준 (전산팀)' },
          { at: T0 + 4 * DAY, kind: 'worklog', actor: '김민준 (전산팀)', note: '점검' },
        ],
      }),
      sr({ assignee: '김민준 (전산팀)', tenant: '부산광역시청' }),
    ])
    const [nameOnly] = peopleNamed('김민준 (전산팀)')
    expect(nameOnly?.source_id).toBe('김민준 (전산팀)')
    expect(readRollupState(ws.store.sqlite).stale).toBe(false)

    upsertPeople(ws.store, [person('P1', '김민준 (전산팀)')])

    // One person of the new name: the served one, its row, e-mail and activity.
    expect(peopleNamed('김민준 (전산팀)')).toEqual([
      { id: served?.id, source_id: 'P1', email: 'p1@example.go.kr' },
    ])
    expect(peopleNamed('김민준')).toEqual([])
    expect(sql.value('SELECT count(*) FROM people')).toBe(1)
    expect(sql.value('SELECT count(*) FROM service_requests')).toBe(3)
    expect(sql.column('SELECT DISTINCT assignee_id FROM service_requests')).toEqual([served?.id])
    expect(sql.value('SELECT count(*) FROM sr_events')).toBe(3)
    expect(sql.column('SELECT DISTINCT actor_id FROM sr_events')).toEqual([served?.id])
    expect(sql.column('SELECT DISTINCT assignee_id FROM sr_events WHERE assignee_id IS NOT NULL')).toEqual([
      served?.id,
    ])
    // The assignee rollups moved with the SRs and are still trusted: what a rebuild gives.
    expect(readRollupState(ws.store.sqlite).stale).toBe(false)
    const kept = assigneeRollups()
    expect(
      sql.value('SELECT sum(total) FROM sr_rollup_assignee_daily WHERE assignee_id = ?', served?.id),
    ).toBe(3)
    rebuildRollups(ws.store, ZONE)
    expect(kept).toEqual(assigneeRollups())
  })

  it('merges while the rollups are stale too; the next rebuild counts the SRs once, under the served person', () => {
    upsertPeople(ws.store, [person('P1', '이서연')])
    upsertServiceRequests(ws.store, [sr({ assignee: '이서연' }), sr({ assignee: '이서연B' })])
    upsertPeople(ws.store, [person('P1', '이서연B')])
    const id = peopleNamed('이서연B')[0]?.id
    expect(sql.value('SELECT count(*) FROM people')).toBe(1)
    rebuildRollups(ws.store, ZONE)
    expect(
      sql.all('SELECT assignee_id, sum(total) AS total FROM sr_rollup_assignee_daily GROUP BY assignee_id'),
    ).toEqual([{ assignee_id: id, total: 2 }])
  })

  it('SRs naming them as requester by the old name follow, on their tenant only', () => {
    upsertPeople(ws.store, [
      person('R1', '홍길동', { role: 'requester', tenant: '서울특별시청' }),
      person('E1', '박지훈'),
    ])
    upsertServiceRequests(ws.store, [
      sr({ requester: '홍길동', tenant: '서울특별시청' }),
      sr({ requester: '홍길동', tenant: '서울특별시청' }),
      // Another 홍길동 (not served): a requester of another institution keeps his name.
      sr({ requester: '홍길동', tenant: '부산광역시청' }),
      // A staff member (no tenant) as requester: every tenant.
      sr({ requester: '박지훈', tenant: '부산광역시청' }),
    ])

    upsertPeople(ws.store, [
      person('R1', '홍길순', { role: 'requester', tenant: '서울특별시청' }),
      person('E1', '박지훈 (퇴직)'),
    ])

    expect(
      sql.all(
        `SELECT t.name AS tenant, sr.requester FROM service_requests sr JOIN tenants t ON t.id = sr.tenant_id
         ORDER BY sr.id`,
      ),
    ).toEqual([
      { tenant: '서울특별시청', requester: '홍길순' },
      { tenant: '서울특별시청', requester: '홍길순' },
      { tenant: '부산광역시청', requester: '홍길동' },
      { tenant: '부산광역시청', requester: '박지훈 (퇴직)' },
    ])
  })

  it('a chain of renames in one page moves each requester once; a name two people share is left alone', () => {
    upsertPeople(ws.store, [
      person('P1', 'A'),
      person('P2', 'B'),
      person('P3', '김철수'),
      person('P4', '김철수', { email: 'other@example.go.kr' }),
    ])
    upsertServiceRequests(ws.store, [
      sr({ requester: 'A' }),
      sr({ requester: 'B' }),
      sr({ requester: '김철수' }),
    ])
    upsertPeople(ws.store, [person('P1', 'B'), person('P2', 'C'), person('P3', '김철수 (본부)')])
    expect(sql.column('SELECT requester FROM service_requests ORDER BY id')).toEqual(['B', 'C', '김철수'])
  })

  it('a person served with their name as id in the same page is a person of their own, not merged', () => {
    upsertPeople(ws.store, [person('P1', '정하늘')])
    // An SR names 최유리 before either person named so is served.
    upsertServiceRequests(ws.store, [sr({ assignee: '최유리' })])
    upsertPeople(ws.store, [
      person('P1', '최유리'),
      person('최유리', '최유리', { email: null, lastActiveAt: null }),
    ])
    expect(sql.column('SELECT source_id FROM people WHERE name = ? ORDER BY id', '최유리')).toEqual([
      'P1',
      '최유리',
    ])
    // The SR named the id 최유리 serves: it stays theirs.
    expect(
      sql.value('SELECT p.source_id FROM service_requests sr JOIN people p ON p.id = sr.assignee_id'),
    ).toBe('최유리')
  })

  it('events waiting for their SR that name them by the old name are theirs when the SR comes', () => {
    upsertPeople(ws.store, [person('E1', '박지훈'), person('E2', '윤서준')])
    parkSrEvents(
      ws.store,
      [
        {
          source: NORTH,
          sourceId: 'SR-LATE',
          at: T0,
          kind: 'assignment',
          actor: '윤서준',
          assignee: '박지훈',
        },
        { source: NORTH, sourceId: 'SR-LATE', at: T0 + 1, kind: 'worklog', actor: '박지훈', note: '확인' },
      ],
      T0,
    )
    upsertPeople(ws.store, [person('E1', '박지훈 (전산팀)')])
    upsertServiceRequests(ws.store, [sr({ sourceId: 'SR-LATE' })])
    expect(adoptParkedSrEvents(ws.store, NORTH, T0 + DAY).adopted).toBe(2)

    expect(sql.column('SELECT source_id FROM people ORDER BY id')).toEqual(['E1', 'E2'])
    expect(
      sql.all(
        `SELECT a.source_id AS actor, s.source_id AS assignee FROM sr_events e JOIN people a ON a.id = e.actor_id
         LEFT JOIN people s ON s.id = e.assignee_id ORDER BY e.at`,
      ),
    ).toEqual([
      { actor: 'E2', assignee: 'E1' },
      { actor: 'E1', assignee: null },
    ])
  })
})

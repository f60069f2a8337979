import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  countServiceRequests,
  insertSrEvents,
  upsertServiceRequests,
  type SrInput,
} from '../../../src/main/core/db/repositories/service-requests'
import { tempStore, type TempStore } from './temp-store'

const at = (hhmm: string, day = '2026-03-02') => Date.parse(`${day}T${hhmm}:00+09:00`)

type Row = {
  source_id: string
  status: string
  resolved_at: number | null
  resolved_at_source: number | null
  resolved_at_estimated: number
  finished_at: number | null
}

function sr(id: string, fields: Partial<SrInput> & Pick<SrInput, 'status'>): SrInput {
  return {
    source: 'itsm',
    sourceId: id,
    number: `SR-${id}`,
    tenant: '행정안전부',
    title: `요청 ${id}`,
    category: '계정/권한',
    priority: 'P3',
    requester: '홍길동',
    assignee: '김민준',
    createdAt: at('08:00'),
    updatedAt: at('17:00'),
    ...fields,
  }
}

// One SR per rule of SPEC §2 "Derived instants".
const derivationRows: SrInput[] = [
  sr('A-source-wins', {
    status: 'DONE',
    resolvedAt: at('10:00'),
    closedAt: at('11:00'),
    events: [
      { at: at('09:00'), kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'RESOLVED', actor: '김민준' },
    ],
  }),
  sr('B-first-resolved-event', {
    status: 'RESOLVED',
    events: [
      { at: at('08:30'), kind: 'assignment', actor: '박서연', assignee: '김민준' },
      { at: at('08:30'), kind: 'status', fromStatus: 'OPEN', toStatus: 'IN_PROGRESS', actor: '김민준' },
      { at: at('09:30'), kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'RESOLVED', actor: '김민준' },
      { at: at('11:00'), kind: 'status', fromStatus: 'RESOLVED', toStatus: 'IN_PROGRESS', actor: '홍길동' },
      { at: at('12:00'), kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'RESOLVED', actor: '김민준' },
    ],
  }),
  sr('C-closed-at', { status: 'DONE', closedAt: at('15:00') }),
  sr('D-updated-at-estimated', { status: 'RESOLVED', updatedAt: at('16:00') }),
  sr('E-cancelled-closed', { status: 'CANCELLED', closedAt: at('13:00'), updatedAt: at('13:05') }),
  sr('F-cancelled-no-close', { status: 'CANCELLED', updatedAt: at('14:00') }),
  sr('G-open-ignores-source-resolved', { status: 'IN_PROGRESS', resolvedAt: at('10:00') }),
]

let t: TempStore
beforeEach(() => {
  t = tempStore()
})
afterEach(() => t.dispose())

const rows = () =>
  t.store.sqlite
    .prepare(
      `SELECT source_id, status, resolved_at, resolved_at_source, resolved_at_estimated, finished_at
       FROM service_requests ORDER BY source_id`,
    )
    .all() as Row[]
const byId = (id: string) => rows().find((r) => r.source_id === id)
const snapshot = () => ({
  srs: t.store.sqlite.prepare('SELECT * FROM service_requests ORDER BY id').all(),
  events: t.store.sqlite
    .prepare(
      'SELECT sr_id, at, kind, from_status, to_status, actor_id, assignee_id, note FROM sr_events ORDER BY sr_id, at, id',
    )
    .all(),
  people: t.store.sqlite.prepare('SELECT * FROM people ORDER BY id').all(),
  tenants: t.store.sqlite.prepare('SELECT * FROM tenants ORDER BY id').all(),
})

describe('upsertServiceRequests', () => {
  it('derives resolved_at and finished_at per SPEC §2', () => {
    upsertServiceRequests(t.store, derivationRows)
    expect(byId('A-source-wins')).toMatchObject({
      resolved_at: at('10:00'),
      resolved_at_source: at('10:00'),
      resolved_at_estimated: 0,
      finished_at: at('10:00'),
    })
    expect(byId('B-first-resolved-event')).toMatchObject({
      resolved_at: at('09:30'),
      resolved_at_source: null,
      resolved_at_estimated: 0,
      finished_at: at('09:30'),
    })
    expect(byId('C-closed-at')).toMatchObject({
      resolved_at: at('15:00'),
      resolved_at_estimated: 0,
      finished_at: at('15:00'),
    })
    expect(byId('D-updated-at-estimated')).toMatchObject({
      resolved_at: at('16:00'),
      resolved_at_estimated: 1,
      finished_at: at('16:00'),
    })
    expect(byId('E-cancelled-closed')).toMatchObject({ resolved_at: null, finished_at: at('13:00') })
    expect(byId('F-cancelled-no-close')).toMatchObject({ resolved_at: null, finished_at: at('14:00') })
    expect(byId('G-open-ignores-source-resolved')).toMatchObject({
      resolved_at: null,
      resolved_at_source: at('10:00'),
      finished_at: null,
    })
  })

  it('resolves names to ids, creating each tenant, category and person once', () => {
    upsertServiceRequests(t.store, derivationRows)
    const db = t.store.sqlite
    expect(db.prepare('SELECT name FROM tenants').all()).toEqual([{ name: '행정안전부' }])
    expect(db.prepare('SELECT name FROM categories').all()).toEqual([{ name: '계정/권한' }])
    const people = db
      .prepare(
        'SELECT p.name, p.role, t.name AS tenant FROM people p LEFT JOIN tenants t ON t.id = p.tenant_id ORDER BY p.name',
      )
      .all()
    // 김민준 assignee and 박서연 dispatcher are staff of no tenant; 홍길동 acted on his own SR (requester).
    expect(people).toEqual([
      { name: '김민준', role: 'engineer', tenant: null },
      { name: '박서연', role: 'engineer', tenant: null },
      { name: '홍길동', role: 'requester', tenant: '행정안전부' },
    ])
    const assignees = db
      .prepare('SELECT DISTINCT p.name FROM service_requests s JOIN people p ON p.id = s.assignee_id')
      .all()
    expect(assignees).toEqual([{ name: '김민준' }])
  })

  it('is idempotent: the same rows twice leave the same state', () => {
    const first = upsertServiceRequests(t.store, derivationRows)
    const before = snapshot()
    const second = upsertServiceRequests(t.store, derivationRows)
    expect(snapshot()).toEqual(before)
    expect(first.written).toBe(7)
    expect(second.written).toBe(7)
    expect(second.eventsWritten).toBe(first.eventsWritten)
    expect(countServiceRequests(t.store)).toBe(7)
    expect((t.store.sqlite.prepare('SELECT COUNT(*) AS n FROM sr_events').get() as { n: number }).n).toBe(6)
  })

  it('applies changes made at the source and keeps a newer stored row over a stale one', () => {
    upsertServiceRequests(t.store, derivationRows)
    const changed = sr('C-closed-at', {
      status: 'DONE',
      title: '변경된 제목',
      tenant: '국세청',
      closedAt: at('15:00'),
      resolvedAt: at('14:10'),
      updatedAt: at('18:00'),
    })
    expect(upsertServiceRequests(t.store, [changed])).toMatchObject({ written: 1, skippedStale: 0 })
    const row = t.store.sqlite
      .prepare(
        `SELECT s.title, t.name AS tenant, s.resolved_at, s.updated_at FROM service_requests s
        JOIN tenants t ON t.id = s.tenant_id WHERE source_id = 'C-closed-at'`,
      )
      .get()
    expect(row).toEqual({
      title: '변경된 제목',
      tenant: '국세청',
      resolved_at: at('14:10'),
      updated_at: at('18:00'),
    })

    const stale = { ...changed, title: '오래된 제목', updatedAt: at('17:30') }
    expect(upsertServiceRequests(t.store, [stale])).toMatchObject({ written: 0, skippedStale: 1 })
    expect(
      t.store.sqlite.prepare("SELECT title FROM service_requests WHERE source_id = 'C-closed-at'").get(),
    ).toEqual({ title: '변경된 제목' })
    expect(upsertServiceRequests(t.store, [stale], { force: true })).toMatchObject({ written: 1 })
    expect(
      t.store.sqlite.prepare("SELECT title FROM service_requests WHERE source_id = 'C-closed-at'").get(),
    ).toEqual({ title: '오래된 제목' })
    expect(countServiceRequests(t.store)).toBe(7)
  })

  it("replaces an SR's events when the source sends its history again", () => {
    upsertServiceRequests(t.store, derivationRows)
    const b = derivationRows[1]!
    upsertServiceRequests(t.store, [{ ...b, updatedAt: at('18:00'), events: b.events!.slice(0, 3) }])
    const events = t.store.sqlite
      .prepare(
        `SELECT e.at FROM sr_events e JOIN service_requests s ON s.id = e.sr_id
        WHERE s.source_id = 'B-first-resolved-event' ORDER BY e.at`,
      )
      .all()
    expect(events).toEqual([{ at: at('08:30') }, { at: at('08:30') }, { at: at('09:30') }])
  })

  it('rolls back the whole batch when one row is invalid', () => {
    const bad = { ...sr('bad', { status: 'OPEN' }), priority: 'P7' } as unknown as SrInput
    expect(() => upsertServiceRequests(t.store, [derivationRows[0]!, bad])).toThrow(/unknown priority "P7"/)
    expect(countServiceRequests(t.store)).toBe(0)
  })
})

describe('insertSrEvents', () => {
  it('appends events, skips duplicates and re-derives resolved_at from the history', () => {
    upsertServiceRequests(t.store, [sr('H', { status: 'RESOLVED', updatedAt: at('16:00') })])
    expect(byId('H')).toMatchObject({ resolved_at: at('16:00'), resolved_at_estimated: 1 })

    const history = [
      {
        source: 'itsm',
        sourceId: 'H',
        at: at('09:00'),
        kind: 'status' as const,
        fromStatus: 'OPEN' as const,
        toStatus: 'IN_PROGRESS' as const,
        actor: '김민준',
      },
      {
        source: 'itsm',
        sourceId: 'H',
        at: at('10:45'),
        kind: 'status' as const,
        fromStatus: 'IN_PROGRESS' as const,
        toStatus: 'RESOLVED' as const,
        actor: '김민준',
      },
      { source: 'itsm', sourceId: 'nope', at: at('10:45'), kind: 'comment' as const, note: '?' },
    ]
    expect(insertSrEvents(t.store, history)).toEqual({ inserted: 2, updated: 0, duplicates: 0, missingSr: 1 })
    expect(byId('H')).toMatchObject({
      resolved_at: at('10:45'),
      resolved_at_estimated: 0,
      finished_at: at('10:45'),
    })
    expect(insertSrEvents(t.store, history)).toEqual({ inserted: 0, updated: 0, duplicates: 2, missingSr: 1 })

    // A later sync without history keeps the derivation from the stored events.
    upsertServiceRequests(t.store, [sr('H', { status: 'RESOLVED', updatedAt: at('17:00') })])
    expect(byId('H')).toMatchObject({ resolved_at: at('10:45'), resolved_at_estimated: 0 })
  })

  it('rewrites an event edited upstream in place when it carries the source id, and re-derives', () => {
    upsertServiceRequests(t.store, [sr('E', { status: 'RESOLVED', updatedAt: at('16:00') })])
    const resolvedEvent = {
      source: 'itsm',
      sourceId: 'E',
      eventId: 'ev-2',
      at: at('11:00'),
      kind: 'status' as const,
      fromStatus: 'IN_PROGRESS' as const,
      toStatus: 'RESOLVED' as const,
      actor: '김민준',
    }
    const comment = {
      source: 'itsm',
      sourceId: 'E',
      eventId: 'ev-1',
      at: at('09:30'),
      kind: 'comment' as const,
      note: '확인 중',
    }
    expect(insertSrEvents(t.store, [comment, resolvedEvent])).toEqual({
      inserted: 2,
      updated: 0,
      duplicates: 0,
      missingSr: 0,
    })
    expect(byId('E')).toMatchObject({ resolved_at: at('11:00'), resolved_at_estimated: 0 })

    // Upstream corrects the comment's text and the time the SR was resolved.
    const edited = [
      { ...comment, note: '확인 중 (원격 접속)' },
      { ...resolvedEvent, at: at('10:15') },
    ]
    expect(insertSrEvents(t.store, edited)).toEqual({ inserted: 0, updated: 2, duplicates: 0, missingSr: 0 })
    expect(insertSrEvents(t.store, edited)).toEqual({ inserted: 0, updated: 0, duplicates: 2, missingSr: 0 })
    const stored = t.store.sqlite
      .prepare(
        `SELECT source_event_id AS id, at, note FROM sr_events
         WHERE sr_id = (SELECT id FROM service_requests WHERE source_id = 'E') ORDER BY at`,
      )
      .all()
    expect(stored).toEqual([
      { id: 'ev-1', at: at('09:30'), note: '확인 중 (원격 접속)' },
      { id: 'ev-2', at: at('10:15'), note: null },
    ])
    // resolved_at follows the corrected history: 10:15, not the first copy's 11:00.
    expect(byId('E')).toMatchObject({ resolved_at: at('10:15'), finished_at: at('10:15') })
  })

  it('adopts a stored copy without a source id instead of storing the event twice', () => {
    upsertServiceRequests(t.store, [sr('A', { status: 'OPEN', resolvedAt: null })])
    const note = { source: 'itsm', sourceId: 'A', at: at('09:30'), kind: 'comment' as const, note: '접수' }
    expect(insertSrEvents(t.store, [note])).toMatchObject({ inserted: 1 })
    expect(insertSrEvents(t.store, [{ ...note, eventId: 'ev-9' }])).toEqual({
      inserted: 0,
      updated: 0,
      duplicates: 1,
      missingSr: 0,
    })
    // From then on it is known by its id: an edit rewrites that one row.
    expect(insertSrEvents(t.store, [{ ...note, eventId: 'ev-9', note: '접수 완료' }])).toMatchObject({
      updated: 1,
    })
    const rows = t.store.sqlite.prepare('SELECT source_event_id AS id, note FROM sr_events').all()
    expect(rows).toEqual([{ id: 'ev-9', note: '접수 완료' }])
  })
})

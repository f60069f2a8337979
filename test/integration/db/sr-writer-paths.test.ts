// The SR writer's fast paths (insert on a guess, UPDATE of the changed indexed columns only) must
// leave the store exactly as a plain probe-then-write would: every index finds the rewritten row,
// and a stale copy changes nothing, not even the people table.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertServiceRequests, type SrInput } from '../../../src/main/core/db/repositories/service-requests'
import { tempStore, type TempStore } from './temp-store'

const T = Date.parse('2026-03-02T08:00:00+09:00')
const HOUR = 3_600_000

function sr(id: string, fields: Partial<SrInput> = {}): SrInput {
  return {
    source: 'itsm',
    sourceId: id,
    tenant: '행정안전부',
    title: `요청 ${id}`,
    category: '계정/권한',
    priority: 'P3',
    status: 'OPEN',
    assignee: '김민준',
    createdAt: T,
    updatedAt: T + HOUR,
    ...fields,
  }
}

describe('SR writer fast paths', () => {
  let t: TempStore
  beforeEach(() => {
    t = tempStore()
  })
  afterEach(() => t.dispose())

  const count = (sql: string, ...p: unknown[]) => (t.store.sqlite.prepare(sql).get(...p) as { n: number }).n

  it('keeps every index in step when only some indexed columns change', () => {
    upsertServiceRequests(t.store, [sr('1'), sr('2')])
    // SR 1: status and resolved_at change (tenant, created_at, people unchanged); SR 2: only its title.
    const r = upsertServiceRequests(t.store, [
      sr('1', { status: 'DONE', resolvedAt: T + 2 * HOUR, updatedAt: T + 3 * HOUR }),
      sr('2', { title: '바뀐 제목', updatedAt: T + 3 * HOUR }),
    ])
    expect(r).toEqual({ written: 2, skippedStale: 0, eventsWritten: 0 })
    // Each query is answered from a different index; the same counts from a full scan (NOT INDEXED).
    const probes: [string, unknown[]][] = [
      ["status = 'DONE'", []],
      ["status = 'OPEN'", []],
      ['resolved_at >= ? AND resolved_at < ?', [T, T + 3 * HOUR]],
      ['created_at >= ? AND created_at < ?', [T, T + 1]],
      ['tenant_id = 1 AND resolved_at IS NOT NULL', []],
    ]
    const expected = [1, 1, 1, 2, 1]
    probes.forEach(([where, p], i) => {
      expect(count(`SELECT count(*) AS n FROM service_requests WHERE ${where}`, ...p)).toBe(expected[i])
      expect(count(`SELECT count(*) AS n FROM service_requests NOT INDEXED WHERE ${where}`, ...p)).toBe(
        expected[i],
      )
    })
    expect(
      t.store.sqlite.prepare("SELECT title FROM service_requests WHERE source_id = '2'").pluck().get(),
    ).toBe('바뀐 제목')
    expect(t.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('reassigns through the assignee index', () => {
    upsertServiceRequests(t.store, [sr('1')])
    upsertServiceRequests(t.store, [sr('1', { assignee: '이서연', updatedAt: T + 2 * HOUR })])
    const byName = (name: string) =>
      count(
        'SELECT count(*) AS n FROM service_requests WHERE assignee_id = (SELECT id FROM people WHERE name = ?)',
        name,
      )
    expect(byName('김민준')).toBe(0)
    expect(byName('이서연')).toBe(1)
  })

  it('a stale copy naming unknown people changes nothing', () => {
    upsertServiceRequests(t.store, [sr('1', { updatedAt: T + 5 * HOUR })])
    const people = count('SELECT count(*) AS n FROM people')
    // Older than the stored row, in a batch that starts with it (so the writer first guesses "new").
    const r = upsertServiceRequests(t.store, [
      sr('1', { assignee: '새 담당자', category: '새 분류', updatedAt: T + HOUR }),
    ])
    expect(r).toEqual({ written: 0, skippedStale: 1, eventsWritten: 0 })
    expect(count('SELECT count(*) AS n FROM people')).toBe(people)
    expect(count("SELECT count(*) AS n FROM categories WHERE name = '새 분류'")).toBe(0)
  })

  it('writes a batch that mixes new SRs, updates and a repeated SR', () => {
    upsertServiceRequests(t.store, [sr('1'), sr('2')])
    const r = upsertServiceRequests(t.store, [
      sr('3'),
      sr('1', { status: 'IN_PROGRESS', updatedAt: T + 2 * HOUR }),
      sr('4'),
      sr('4', { status: 'PENDING', updatedAt: T + 2 * HOUR }),
      sr('2', { updatedAt: T }),
    ])
    // 3 new, 1 updated, 4 inserted then updated, 2 stale (T < stored T + 1 h).
    expect(r).toEqual({ written: 4, skippedStale: 1, eventsWritten: 0 })
    const rows = t.store.sqlite
      .prepare('SELECT source_id, status FROM service_requests ORDER BY source_id')
      .all() as { source_id: string; status: string }[]
    expect(rows).toEqual([
      { source_id: '1', status: 'IN_PROGRESS' },
      { source_id: '2', status: 'OPEN' },
      { source_id: '3', status: 'OPEN' },
      { source_id: '4', status: 'PENDING' },
    ])
  })
})

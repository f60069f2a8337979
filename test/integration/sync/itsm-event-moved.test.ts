// An SR event that moves to another SR upstream (same event id, new sr_id) is moved in the store, not
// copied: one stored copy, on its new SR, and both SRs' derived instants (resolved_at from events, the
// SLA clock with its PENDING pauses) re-derived, so the store equals one synced from scratch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import type { SyncEntity } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'
import { duplicates, snapshotStore } from './store-snapshot'

let ws: TempWorkspace
let reference: TempWorkspace
let sim: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-event-moved-')
  reference = tempWorkspace('ops-event-moved-ref-')
  sim = await startItsmSimulator({ seed: 9, srCount: 80 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
  reference.dispose()
})

const sync = async (into: TempWorkspace, entities?: readonly SyncEntity[]): Promise<void> => {
  const connector = createItsmConnector(
    { name: 'sim', url: sim.url, token: sim.token, retry: FAST_RETRY },
    recordingDeps(),
  )
  const outcome = await syncSource(into.store, connector, { pageSize: 40, ...(entities ? { entities } : {}) })
  expect(outcome).toMatchObject({ status: 'ok', error: null })
}

type StoredSr = { resolved_at: number | null; resolved_at_estimated: number; sla_elapsed_ms: number | null }
const storedSr = (id: string): StoredSr =>
  ws.store.sqlite
    .prepare(
      'SELECT resolved_at, resolved_at_estimated, sla_elapsed_ms FROM service_requests WHERE source_id = ?',
    )
    .get(id) as StoredSr
const copiesOf = (eventId: string): string[] =>
  ws.store.sqlite
    .prepare(
      `SELECT sr.source_id FROM sr_events e JOIN service_requests sr ON sr.id = e.sr_id
       WHERE e.source_event_id = ?`,
    )
    .pluck()
    .all(eventId) as string[]

/** When SR `id` reached DONE, by its event in the simulator. */
const doneAt = (id: string): number =>
  Date.parse(sim.data.sr_events.find((e) => e.sr_id === id && e.to_status === 'DONE')?.at ?? '')

/**
 * SR `from` is done without a source resolved_at or closed_at, so its resolved_at comes from its
 * RESOLVED event (before its DONE one), which is returned; SR `to` (a PENDING one: its history has a pause) is made resolved
 * the same way but has no RESOLVED event of its own (its resolved_at falls back to updated_at,
 * estimated) until that event moves to it.
 */
function arrange(): { from: string; to: string; event: string; at: number } {
  const data = sim.data
  const resolvedEvent = (srId: string) =>
    data.sr_events.find((e) => e.sr_id === srId && e.kind === 'status' && e.to_status === 'RESOLVED')
  const from = data.srs.find((sr) => sr.status === 'DONE' && resolvedEvent(sr.id))
  const to = data.srs.find(
    (sr) =>
      sr.id !== from?.id &&
      sr.status === 'PENDING' &&
      data.sr_events.some((e) => e.sr_id === sr.id && e.to_status === 'PENDING'),
  )
  const event = from && resolvedEvent(from.id)
  if (!from || !to || !event) throw new Error('the seeded data has no suitable SRs')
  sim.mutate((m) => {
    m.update('srs', from.id, { resolved_at: null, closed_at: null })
    m.update('srs', to.id, { status: 'RESOLVED', resolved_at: null, closed_at: null })
  })
  return { from: from.id, to: to.id, event: event.id, at: Date.parse(event.at) }
}

describe('an SR event moved to another SR upstream', () => {
  it('is moved, and both SRs are re-derived as if synced from scratch', async () => {
    const { from, to, event, at } = arrange()
    await sync(ws)
    expect(copiesOf(event)).toEqual([from])
    expect(storedSr(from)).toMatchObject({ resolved_at: at, resolved_at_estimated: 0 })
    expect(storedSr(to).resolved_at_estimated).toBe(1)

    sim.mutate((m) => m.update('sr_events', event, { sr_id: to }))
    await sync(ws)
    expect(copiesOf(event)).toEqual([to])
    // `from` lost its RESOLVED event: resolved_at is now when it reached DONE.
    expect(storedSr(from)).toMatchObject({ resolved_at: doneAt(from), resolved_at_estimated: 0 })
    expect(storedSr(to)).toMatchObject({ resolved_at: at, resolved_at_estimated: 0 })

    await sync(reference)
    const got = snapshotStore(ws.store.sqlite)
    expect(duplicates(got.srEvents)).toEqual([])
    expect(got).toEqual(snapshotStore(reference.store.sqlite))
  })

  it('moved to an SR not stored yet: leaves its old SR at once and waits for the new one', async () => {
    const { from, event } = arrange()
    await sync(ws, ['tenants', 'categories', 'people', 'srs'])
    await sync(ws, ['sr_events'])
    expect(copiesOf(event)).toEqual([from])
    // A new SR upstream, after this run's SR pass, and the event moves to it.
    const template = sim.data.srs[0]
    if (!template) throw new Error('no SR')
    sim.mutate((m) => {
      m.insert('srs', { ...template, id: 'SR-NEW-MOVED', number: 'SR-9000002', updated_at: m.tick() })
      m.update('sr_events', event, { sr_id: 'SR-NEW-MOVED' })
    })
    await sync(ws, ['sr_events'])
    expect(copiesOf(event)).toEqual([])
    expect(storedSr(from)).toMatchObject({ resolved_at: doneAt(from), resolved_at_estimated: 0 })

    await sync(ws)
    expect(copiesOf(event)).toEqual(['SR-NEW-MOVED'])
    await sync(reference)
    expect(snapshotStore(ws.store.sqlite)).toEqual(snapshotStore(reference.store.sqlite))
  })

  it('waiting for a new SR and then moved on to a stored one: stays there when the new SR comes', async () => {
    const { from, to, event, at } = arrange()
    await sync(ws, ['tenants', 'categories', 'people', 'srs'])
    await sync(ws, ['sr_events'])
    const template = sim.data.srs[0]
    if (!template) throw new Error('no SR')
    sim.mutate((m) => {
      m.insert('srs', { ...template, id: 'SR-NEW-PASSED', number: 'SR-9000003', updated_at: m.tick() })
      m.update('sr_events', event, { sr_id: 'SR-NEW-PASSED' })
    })
    await sync(ws, ['sr_events'])
    expect(copiesOf(event)).toEqual([])
    // Before the new SR is stored, the event moves on to `to`, a stored SR.
    sim.mutate((m) => m.update('sr_events', event, { sr_id: to }))
    await sync(ws, ['sr_events'])
    expect(copiesOf(event)).toEqual([to])

    // The new SR arrives: the event it once had does not come back to it.
    await sync(ws)
    expect(copiesOf(event)).toEqual([to])
    expect(storedSr(to)).toMatchObject({ resolved_at: at, resolved_at_estimated: 0 })
    expect(storedSr(from)).toMatchObject({ resolved_at: doneAt(from), resolved_at_estimated: 0 })
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM sr_events_parked').pluck().get()).toBe(0)
    await sync(reference)
    expect(snapshotStore(ws.store.sqlite)).toEqual(snapshotStore(reference.store.sqlite))
  })
})

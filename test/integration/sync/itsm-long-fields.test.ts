// Long values from an ITSM REST server (docs/itsm-rest-protocol.md §4 "Lengths"): a worklog note or
// a title longer than any screen shows is real data and must sync; only the generous limits the
// protocol documents apply, and a row over one fails the sync with the entity, row and field named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { MAX_KEY_LENGTH, MAX_TEXT_LENGTH } from '../../../src/main/core/sources/itsm-rest/wire'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'
import { itsmStored, itsmTruth } from './store-snapshot'

const SOURCE = 'itsm:sim'
let ws: TempWorkspace
let sim: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-long-fields-')
  sim = await startItsmSimulator({ seed: 5, srCount: 60 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
})

const sync = () =>
  syncSource(
    ws.store,
    createItsmConnector({ name: 'sim', url: sim.url, token: sim.token, retry: FAST_RETRY }, recordingDeps()),
    { pageSize: 25 },
  )

/** `n` UTF-16 code units of Korean text with a line break now and then and an emoji (2 units) at the end. */
const longText = (n: number): string => {
  const unit = '작업 내역: 로그 확인 후 재기동.\n'
  return (unit.repeat(Math.ceil(n / unit.length)).slice(0, n - 2) + '😀').slice(0, n)
}

describe('long ITSM REST values', () => {
  it('syncs a 4,200-character worklog note, a 5,000-character title and long names, then every later entity', async () => {
    const sr = sim.data.srs[3]
    const event = sim.data.sr_events.find((e) => e.sr_id === sr?.id)
    if (!sr || !event) throw new Error('the seeded data has no SR with events')
    const note = longText(4200)
    const title = longText(5000)
    sim.mutate((m) => {
      m.update('srs', sr.id, { title, number: `REQ-${'0'.repeat(150)}1` })
      m.insert('sr_events', {
        ...event,
        id: `${sr.id}-WORKLOG`,
        kind: 'worklog',
        from_status: null,
        to_status: null,
        note,
      })
      m.update('people', sim.data.people[0]?.id ?? '', { email: `${'ops.team'.repeat(50)}@example.go.kr` })
    })

    const outcome = await sync()
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
    const stored = ws.store.sqlite
      .prepare("SELECT note FROM sr_events WHERE source_event_id = ? AND kind = 'worklog'")
      .pluck()
      .get(`${sr.id}-WORKLOG`)
    expect(stored).toBe(note)
    // The entities after sr_events were reached and the watermark moved.
    expect(getCursor(ws.store, SOURCE, 'deployments')).not.toBeNull()
    expect(getCursor(ws.store, SOURCE, 'feature_usage')).not.toBeNull()
    expect(getWatermark(ws.store)).not.toBeNull()
  })

  it('accepts a note of exactly the documented text limit', async () => {
    const event = sim.data.sr_events[0]
    if (!event) throw new Error('no events')
    sim.mutate((m) => m.update('sr_events', event.id, { note: 'x'.repeat(MAX_TEXT_LENGTH) }))
    expect(await sync()).toMatchObject({ status: 'ok' })
  })

  it('fails a row over a documented limit with its entity, id, field and the limit, keeping earlier rows', async () => {
    const sr = sim.data.srs[40]
    if (!sr) throw new Error('no SR')
    const tooLong = 'A'.repeat(MAX_KEY_LENGTH + 1)
    sim.mutate((m) => m.update('srs', sr.id, { assignee: tooLong, updated_at: sr.updated_at }))

    const outcome = await sync()
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(`Service requests row "${sr.id}"`)
    expect(outcome.error).toContain('field "assignee"')
    expect(outcome.error).toContain(`${MAX_KEY_LENGTH.toLocaleString('en-US')} characters`)
    expect(outcome.error).toContain(`${(MAX_KEY_LENGTH + 1).toLocaleString('en-US')}`)
    expect(recentSyncLog(ws.store, 1)[0]).toMatchObject({ entity: 'srs', status: 'failed' })
    // The pages before the bad row are committed; its page and the rest are not.
    const n = ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get() as number
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(sim.data.srs.length)
  })

  it('names an over-long id in the error without repeating all of it', async () => {
    const sr = sim.data.srs[10]
    if (!sr) throw new Error('no SR')
    const id = `SR-${'9'.repeat(MAX_KEY_LENGTH)}`
    sim.mutate((m) => m.insert('srs', { ...sr, id }))
    const outcome = await sync()
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain('field "id"')
    expect(outcome.error).toContain(`Service requests row "${id.slice(0, 60)}…`)
    expect(outcome.error?.length).toBeLessThan(600)
  })
})

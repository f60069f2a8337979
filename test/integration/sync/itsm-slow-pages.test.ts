// A server that is slow on big pages: a page request that times out is asked again with half the rows
// (not below MIN_TIMEOUT_LIMIT), and the rest of the run keeps the smaller size, so the sync completes
// instead of timing out on every attempt. The client's timeout is shortened so this takes seconds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createItsmConnector, MIN_TIMEOUT_LIMIT } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource, type SyncRetry } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'
import { itsmStored, itsmTruth } from './store-snapshot'

const SOURCE = 'itsm:sim'
/**
 * Long enough for a small page on a loaded machine, far shorter than the slow pages take (20 s). The
 * simulator answers on this thread, which also writes each page the sync received while the next
 * one is asked for: a second was not always enough when the whole suite ran on two cores, and one
 * small page timing out made four timeouts of three.
 */
const TIMEOUT_MS = 2500

let ws: TempWorkspace
let sim: ItsmSimulator | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-itsm-slow-pages-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ws.dispose()
})

const count = (table: string): number =>
  (ws.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('a page request that times out', () => {
  it('is asked again with half the rows, and the rest of the run keeps the smaller pages', async () => {
    // Pages of more than 200 rows come after 20 s: 1000 and 500 and 250 time out, 125 does not.
    sim = await startItsmSimulator({
      seed: 4,
      srCount: 600,
      faults: { slowPageRows: 200, slowPageMs: 20_000 },
    })
    const deps = recordingDeps()
    const connector = createItsmConnector(
      { name: 'sim', url: sim.url, token: sim.token, retry: { ...FAST_RETRY, timeoutMs: TIMEOUT_MS } },
      deps,
    )
    const began = performance.now()
    const retries: SyncRetry[] = []
    const outcome = await syncSource(ws.store, connector, {
      onProgress: (p) => void (p.retry && retries.push(p.retry)),
    })
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    // The progress says each time that the page is now asked with fewer rows.
    expect(retries.map((r) => r.pageRows)).toEqual([
      { from: 1000, to: 500 },
      { from: 500, to: 250 },
      { from: 250, to: 125 },
    ])
    // Three timeouts in all, not three per page (600 SRs alone are 5 pages of 125): the run took the
    // three timeouts and a few seconds at most for the rest.
    expect(performance.now() - began).toBeLessThan(3 * TIMEOUT_MS + 10_000)
    expect(deps.reasons).toHaveLength(3)
    expect(deps.reasons.every((r) => r.startsWith('No answer in time from '))).toBe(true)

    // Every row arrived.
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
    expect(count('sr_events')).toBe(sim.data.sr_events.length)
    expect(count('deployments')).toBe(sim.data.deployments.length)

    // What the simulator saw: the first collection with more than 200 rows timed out at 1000, 500 and
    // 250 rows, the same page came at 125, and every request after it asked for 125.
    const limits = sim.requests.map((r) => ({
      path: r.path,
      limit: Number(r.query['limit']),
      fault: r.fault,
    }))
    const first = limits.findIndex((r) => r.fault === 'slow_page')
    expect(first).toBeGreaterThan(0)
    expect(limits.slice(0, first).every((r) => r.limit === 1000)).toBe(true)
    const path = limits[first]!.path
    expect(limits.slice(first, first + 4)).toEqual([
      { path, limit: 1000, fault: 'slow_page' },
      { path, limit: 500, fault: 'slow_page' },
      { path, limit: 250, fault: 'slow_page' },
      { path, limit: 125, fault: null },
    ])
    // The same page: asked from the same cursor each time.
    const asked = sim.requests.slice(first, first + 4).map((r) => r.query['after_id'] ?? null)
    expect(new Set(asked).size).toBe(1)
    const after = limits.slice(first + 3)
    expect(after.length).toBeGreaterThan(10)
    expect(after.every((r) => r.limit === 125 && r.fault === null)).toBe(true)
    expect(new Set(after.map((r) => r.path)).size).toBeGreaterThan(3)
  }, 60_000)

  it(`is not asked for fewer than ${MIN_TIMEOUT_LIMIT} rows; a server too slow even then fails as a timeout`, async () => {
    // Every page of more than 10 rows is late: even the smallest page the client asks for.
    sim = await startItsmSimulator({
      seed: 4,
      srCount: 100,
      faults: { slowPageRows: 10, slowPageMs: 20_000 },
    })
    const deps = recordingDeps()
    const connector = createItsmConnector(
      { name: 'sim', url: sim.url, token: sim.token, retry: { ...FAST_RETRY, timeoutMs: 300 } },
      deps,
    )
    const retries: SyncRetry[] = []
    const outcome = await syncSource(ws.store, connector, {
      entities: ['srs'],
      onProgress: (p) => void (p.retry && retries.push(p.retry)),
    })
    expect(outcome.status).toBe('failed')
    // Five retries, each with a smaller page, the last down to the floor.
    expect(retries.map((r) => r.pageRows && [r.pageRows.from, r.pageRows.to])).toEqual([
      [1000, 500],
      [500, 250],
      [250, 125],
      [125, 62],
      [62, 50],
    ])
    expect(outcome.reason).toMatchObject({ code: 'timeout', params: { attempts: 6, entity: 'srs' } })
    expect(sim.requests.map((r) => Number(r.query['limit']))).toEqual([1000, 500, 250, 125, 62, 50])
  }, 60_000)
})

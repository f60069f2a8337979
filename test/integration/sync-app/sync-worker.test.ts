// The app syncs each source in a worker thread with its own SQLite connection; here the worker runs
// its TypeScript source via tsx against the loopback ITSM simulator served from this thread.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addSource } from '../../../src/main/core/sources/registry'
import type { SyncProgress } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { runSyncInWorker } from '../../../src/main/core/workers/run-sync-in-worker'
import type { SyncWorkerData } from '../../../src/main/core/workers/sync-worker-protocol'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startConnectProxy } from '../../helpers/connect-proxy'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { heldWorkerFile, holdWorker, type WorkerHold } from '../../helpers/held-worker'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/sync-worker.ts', import.meta.url).href
const TOKEN = 'worker-token-5d41402abc4b2a76'

let ws: TempWorkspace
let sim: ItsmSimulator
let hold: WorkerHold | undefined
beforeEach(async () => {
  ws = tempWorkspace('ops-sync-worker-')
  sim = await startItsmSimulator({ seed: 9, srCount: 1500, token: TOKEN })
})
afterEach(async () => {
  hold?.release()
  hold = undefined
  await sim.close()
  ws.dispose()
})

const data = (token: string): SyncWorkerData => {
  const record = addSource(ws.store, { name: 'sim', kind: 'itsm', config: { url: sim.url } }, Date.now())
  return {
    workspace: { dataDir: ws.dataDir },
    record,
    secrets: { token, password: null, proxyPassword: null },
    full: false,
    pageSize: 200,
  }
}
const srCount = (): number =>
  (
    ws.store.sqlite.prepare("SELECT count(*) AS n FROM service_requests WHERE source = 'itsm:sim'").get() as {
      n: number
    }
  ).n

describe('sync in a worker thread', () => {
  it('writes every SR on its own connection and streams progress', async () => {
    const progress: SyncProgress[] = []
    const outcome = await runSyncInWorker(bootstrap, { ...data(TOKEN), tsEntry } as SyncWorkerData, {
      onProgress: (p) => progress.push(p),
    })
    expect(outcome).toMatchObject({ source: 'itsm:sim', status: 'ok', error: null })
    // This thread's own connection sees what the worker committed.
    expect(srCount()).toBe(1500)
    expect(progress.length).toBeGreaterThan(0)
    // However fast the sync, every entity reports, and its last message covers all of its rows.
    const srProgress = progress.filter((p) => p.entity === 'srs')
    expect(srProgress.length).toBeGreaterThan(0)
    expect(srProgress.at(-1)?.rows).toBe(1500)
  })

  it('says a worker that died before answering stopped, with its exit code or its error', async () => {
    // A worker that exits at once (an out-of-memory kill looks the same from here), and one that throws.
    const d = data(TOKEN)
    const exits = new URL('data:text/javascript,process.exit(3)')
    const exited = await runSyncInWorker(exits, d, { onProgress: () => {} })
    expect(exited).toMatchObject({
      source: 'itsm:sim',
      status: 'failed',
      error: 'The sync stopped unexpectedly (exit code 3)',
      reason: { code: 'sync_crashed', params: { detail: 'exit code 3', exitCode: 3 } },
    })
    const throws = new URL('data:text/javascript,throw new Error("bundle chunk missing")')
    const thrown = await runSyncInWorker(throws, d, { onProgress: () => {} })
    expect(thrown).toMatchObject({
      status: 'failed',
      error: 'The sync stopped unexpectedly: bundle chunk missing',
      reason: { code: 'sync_crashed', params: { detail: 'bundle chunk missing' } },
    })
    expect(srCount()).toBe(0)
  })

  it('reports every retry at once, not held back behind the next page', async () => {
    // Every 4th request fails with 500: the default back-off waits up to a second or so each time.
    sim.setFaults({ serverErrors: 4 })
    const progress: { p: SyncProgress }[] = []
    const outcome = await runSyncInWorker(bootstrap, { ...data(TOKEN), tsEntry } as SyncWorkerData, {
      onProgress: (p) => progress.push({ p }),
    })
    expect(outcome.status).toBe('ok')
    const failed = sim.requests.filter((r) => r.status === 500).length
    expect(failed).toBeGreaterThan(1)
    const retries = progress.filter((e) => e.p.retry !== undefined)
    expect(retries).toHaveLength(failed)
    for (const { p } of retries)
      expect(p.retry).toMatchObject({
        maxAttempts: 6,
        reason: expect.stringContaining('(500)'),
        // The same as a reason the app words in its language, across the worker thread.
        why: { code: 'http_server', params: expect.objectContaining({ status: 500 }) },
      })
    expect(srCount()).toBe(1500)
  })

  it("says when a long Retry-After ends in the workspace's zone", async () => {
    // Every request refused for an hour: the run ends at once, saying until when.
    sim.setFaults({ rateLimit: 1, retryAfterSeconds: 3600 })
    const before = Date.now()
    const outcome = await runSyncInWorker(
      bootstrap,
      { ...data(TOKEN), tsEntry, timeZone: 'Asia/Seoul' } as SyncWorkerData,
      { onProgress: () => undefined },
    )
    expect(outcome.status).toBe('failed')
    const until = /until (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \(Asia\/Seoul\)/.exec(outcome.error ?? '')
    expect(until, outcome.error ?? '').not.toBeNull()
    // An hour from now in Seoul (UTC+9, no daylight saving): worked out here from the UTC clock.
    const seoul = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect(until![1]! >= seoul(before + 3_600_000)).toBe(true)
    expect(until![1]! <= seoul(Date.now() + 3_600_000)).toBe(true)
  })

  it('stops when cancelled, keeping the committed pages and the cursor that covers them', async () => {
    // 8 pages × 80 ms. The worker stops right after saying an SR page is committed (the entity's
    // first message, before any page, says 0 rows) and goes on once the cancel has been sent: the
    // cancel comes before the last page however late this thread reads that message.
    sim.setFaults({ latencyMs: 80 })
    hold = holdWorker(tsEntry, { entity: 'srs', minRows: 1 })
    const controller = new AbortController()
    const outcome = await runSyncInWorker(
      heldWorkerFile,
      { ...data(TOKEN), ...hold.data } as SyncWorkerData,
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.entity === 'srs' && p.rows > 0) {
            controller.abort()
            hold?.release()
          }
        },
      },
    )
    expect(outcome.status).toBe('cancelled')
    const stored = srCount()
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(1500)
    expect(recentSyncLog(ws.store, 1)[0]).toMatchObject({ status: 'cancelled' })
    expect(getCursor(ws.store, 'itsm:sim', 'srs')).not.toBeNull()
  })

  it("gets the proxy's password with the other secrets and logs in to the proxy with it", async () => {
    const proxy = await startConnectProxy({ login: { user: 'ops-sync', password: 'worker-proxy-pw-31' } })
    try {
      const record = addSource(
        ws.store,
        { name: 'sim', kind: 'itsm', config: { url: sim.url, proxy: proxy.url, proxyUser: 'ops-sync' } },
        Date.now(),
      )
      const outcome = await runSyncInWorker(
        bootstrap,
        {
          workspace: { dataDir: ws.dataDir },
          record,
          secrets: { token: TOKEN, password: null, proxyPassword: 'worker-proxy-pw-31' },
          full: false,
          pageSize: 500,
          tsEntry,
        } as SyncWorkerData,
        { onProgress: () => {} },
      )
      expect(outcome).toMatchObject({ status: 'ok', error: null })
      expect(srCount()).toBe(1500)
      expect(new Set(proxy.logins)).toEqual(new Set(['ops-sync:worker-proxy-pw-31']))
    } finally {
      await proxy.close()
    }
  })

  it('brings back a wrong token as a failed outcome without the token', async () => {
    const wrong = 'wrong-worker-token-aa11bb22'
    const outcome = await runSyncInWorker(bootstrap, { ...data(wrong), tsEntry } as SyncWorkerData, {
      onProgress: () => {},
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain('401')
    expect(outcome.error).not.toContain(wrong)
    expect(JSON.stringify(recentSyncLog(ws.store))).not.toContain(wrong)
    // Its reason crosses the thread, and is the one the log keeps.
    expect(outcome.reason).toMatchObject({
      code: 'http_auth',
      params: { status: 401, url: `${sim.url}/api/v1/tenants`, entity: 'tenants' },
    })
    expect(recentSyncLog(ws.store, 1)[0]?.reason).toEqual(outcome.reason)
  })

  it('syncs into no other workspace than the one it was given: a missing one fails and is not created', async () => {
    // The workspace folder gone while the app runs (deleted, moved, a drive unmounted): the worker
    // created an empty workspace there and synced into it, and answered ok while the app's own
    // connection, on the workspace it shows, saw none of it.
    const gone = join(ws.dataDir, 'moved-away')
    const outcome = await runSyncInWorker(
      bootstrap,
      { ...data(TOKEN), workspace: { dataDir: gone }, tsEntry } as SyncWorkerData,
      { onProgress: () => {} },
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      error: `No workspace database at ${join(gone, DATABASE_FILE)}`,
      reason: { code: 'workspace_missing', params: { path: join(gone, DATABASE_FILE) } },
    })
    expect(existsSync(gone)).toBe(false)
    expect(sim.requests).toEqual([])
  })

  it('brings back a missing token with its reason', async () => {
    const outcome = await runSyncInWorker(
      bootstrap,
      {
        ...data(TOKEN),
        secrets: { token: null, password: null, proxyPassword: null },
        tsEntry,
      } as SyncWorkerData,
      { onProgress: () => {} },
    )
    expect(outcome.status).toBe('failed')
    expect(outcome.reason).toMatchObject({ code: 'secret_missing', params: { secret: 'token' } })
  })
})

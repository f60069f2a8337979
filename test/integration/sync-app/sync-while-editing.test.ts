// A connection removed or edited in Settings while the sync is running: the one being pulled is
// not pulled from under it (its cursors and run record would outlive it, or the old server's cursor
// would land on the new one), and one not reached yet is synced as it is by then, or not at all.
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { getCursor } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { holdFetch, type FetchHold } from '../../helpers/held-fetch'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-while-editing-4c2a'
let app: AppContext | undefined
let held: FetchHold | undefined
const sims: ItsmSimulator[] = []
afterEach(async () => {
  held?.release()
  held = undefined
  await app?.dispose()
  for (const s of sims.splice(0)) await s.close()
  app = undefined
})

async function simulator(srCount: number, latencyMs: number): Promise<ItsmSimulator> {
  const sim = await startItsmSimulator({ seed: 5, srCount, token: TOKEN, faults: { latencyMs } })
  sims.push(sim)
  return sim
}

/** Resolves once the running sync is pulling `entity` of `source`. */
async function pulling(ctx: AppContext, source: string, entity: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const p = ctx.sync.scheduler.status().progress
    if (p?.source === source && p.entity === entity) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`never saw ${source} pulling ${entity}`)
}

/**
 * A context whose sync holds its first request for SRs from `sim` until `held.release()`: the test
 * edits while that server's SRs are being pulled, not after a sync that a busy machine let finish.
 */
function holdingSrsOf(sim: ItsmSimulator): AppContext {
  const hold = holdFetch((url) => url.startsWith(`${sim.url}/api/v1/srs`))
  held = hold
  return appContext({
    runtime: { httpDeps: defaultHttpDeps({ sleep: () => Promise.resolve(), fetch: hold.fetch }) },
  })
}

describe('connections changed while the sync runs', () => {
  it('refuses to remove the connection being synced, or to move it to another server, and says what to do', async () => {
    const sim = await simulator(3000, 60)
    const other = await simulator(10, 0)
    app = holdingSrsOf(sim)
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    expect((await app.ok('sync:run', {})).started).toBe(true)
    await held!.reached
    await pulling(app, 'prod', 'srs')

    const removed = await app.invoke('sources:remove', { name: 'prod' })
    expect(removed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(removed.ok ? '' : removed.error.message).toMatch(/"prod" is syncing now: cancel the sync/)
    const moved = await app.invoke('sources:update', { name: 'prod', url: other.url })
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // A change that leaves the server and its cursors alone is taken.
    await app.ok('sources:update', { name: 'prod', token: `${TOKEN}-x` })
    await app.ok('sources:update', { name: 'prod', token: TOKEN })

    held!.release()
    await app.sync.scheduler.idle()
    const [view] = await app.ok('sources:list', {})
    expect(view).toMatchObject({ name: 'prod', url: sim.url, lastError: null })
    expect(view?.lastSuccessAt).not.toBeNull()

    // Once the run is over, removing it leaves no cursor behind for a new connection of that name.
    await app.ok('sources:remove', { name: 'prod' })
    expect(getCursor(app.ws.store, 'itsm:prod', 'srs')).toBeNull()
    const again = await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: other.url, token: TOKEN })
    expect(again.cursors).toEqual([])
  })

  it('refuses to remove or move a connection a command-line sync (another process) is pulling, naming it', async () => {
    app = appContext()
    const store = app.ws.store
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: 'http://127.0.0.1:2', token: TOKEN })
    // What a CLI sync in its own process leaves while it runs: a running log entry under its pid.
    const cli = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    try {
      store.sqlite
        .prepare(
          "INSERT INTO sync_log (source, entity, started_at, status, owner_pid) VALUES ('itsm:prod', 'srs', ?, 'running', ?)",
        )
        .run(Date.now(), cli.pid)
      const removed = await app.invoke('sources:remove', { name: 'prod' })
      expect(removed).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining(`being synced by another process (pid ${cli.pid}`),
          reason: { code: 'source_syncing_elsewhere_remove', params: { name: 'prod', pid: String(cli.pid) } },
        },
      })
      const moved = await app.invoke('sources:update', { name: 'prod', url: 'http://127.0.0.1:10' })
      expect(moved).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', reason: { code: 'source_syncing_elsewhere_change' } },
      })
      // Neither happened; a change that does not move it (a new token) still goes through.
      const [view] = await app.ok('sources:list', {})
      expect(view).toMatchObject({ name: 'prod', url: 'http://127.0.0.1:2' })
      await app.ok('sources:update', { name: 'prod', token: 'another-token-5d2e' })
    } finally {
      cli.kill()
      await new Promise((resolve) => cli.once('exit', resolve))
    }
    // The process is gone: its entry no longer holds the connection.
    expect(await app.ok('sources:remove', { name: 'prod' })).toEqual({ removed: true })
  })

  it('does not sync a connection removed while an earlier one synced, and syncs an edited one as edited', async () => {
    const slow = await simulator(2000, 60)
    const first = await simulator(20, 0)
    const second = await simulator(20, 0)
    app = holdingSrsOf(slow)
    await app.ok('sources:add', { kind: 'itsm', name: 'a-slow', url: slow.url, token: TOKEN })
    await app.ok('sources:add', { kind: 'itsm', name: 'b-gone', url: first.url, token: TOKEN })
    await app.ok('sources:add', { kind: 'itsm', name: 'c-moved', url: first.url, token: TOKEN })
    expect((await app.ok('sync:run', {})).started).toBe(true)
    await held!.reached
    await pulling(app, 'a-slow', 'srs')

    await app.ok('sources:remove', { name: 'b-gone' })
    await app.ok('sources:update', { name: 'c-moved', url: second.url })
    held!.release()
    await app.sync.scheduler.idle()

    const outcomes = app.sync.scheduler.status().lastRun?.outcomes ?? []
    expect(outcomes.map((o) => [o.source, o.status])).toEqual([
      ['a-slow', 'ok'],
      ['c-moved', 'ok'],
    ])
    // Nothing of the removed one came back: no cursor, no log entry, no run record.
    expect(getCursor(app.ws.store, 'itsm:b-gone', 'srs')).toBeNull()
    const log = await app.ok('sync:log', { limit: 500 })
    expect(log.filter((e) => e.source === 'itsm:b-gone')).toEqual([])
    // The edited one was read from its new server.
    expect(first.requests.filter((r) => r.path.endsWith('/srs'))).toEqual([])
    expect(second.requests.some((r) => r.path.endsWith('/srs'))).toBe(true)
  })
})

describe('a connection added again under a removed one’s name', () => {
  it('starts with no last success or error of its own, not those the removed one logged', async () => {
    const sim = await simulator(20, 0)
    let clock = Date.parse('2026-03-18T06:00:00Z')
    app = appContext({ now: () => clock })
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    await app.ok('sources:add', { kind: 'itsm', name: 'flaky', url: sim.url, token: 'wrong-token-1234' })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const before = await app.ok('sources:list', {})
    expect(before.find((s) => s.name === 'prod')?.lastSuccessAt).toBe(clock)
    expect(before.find((s) => s.name === 'flaky')?.lastError?.cause).toBe('auth')

    clock += 60_000
    for (const name of ['prod', 'flaky']) {
      await app.ok('sources:remove', { name })
      await app.ok('sources:add', { kind: 'itsm', name, url: sim.url, token: TOKEN })
    }
    const after = await app.ok('sources:list', {})
    for (const view of after) {
      expect(view, view.name).toMatchObject({ lastSuccessAt: null, lastError: null, lastRows: null })
    }
    // The old entries stay in the log (it is the workspace's history), under the same name.
    expect((await app.ok('sync:log', { limit: 500 })).some((e) => e.source === 'itsm:prod')).toBe(true)
  })
})

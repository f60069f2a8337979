// One source, one syncing process (the app's sync worker and a CLI `sync` may open the same
// workspace): a 'running' sync-log entry records its process, a run still going in another live
// process is left alone and a second sync of that source is refused, and only entries whose process
// is gone (or whose heartbeat stopped two minutes ago; for entries from before heartbeats, silent for
// half an hour) are closed as interrupted. Checked with real CLI processes and
// with entries written for made-up owners.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../src/main/core/db/open-database'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { addSource, getSource } from '../../../src/main/core/sources/registry'
import type { Connector } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import {
  closeAbandonedRuns,
  recentSyncLog,
  SYNC_HEARTBEAT_SILENT_MS,
  SYNC_SILENT_MS,
  SyncBusyError,
} from '../../../src/main/core/sync/state'
import { openWorkspace, type Workspace } from '../../../src/main/core/workspace'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { cli, repoRoot } from '../../helpers/cli'

const SOURCE = 'itsm:two'
const ENV = { TWO_ITSM_TOKEN: 'sim-token' }

let dir: string
let ws: Workspace
let sim: ItsmSimulator
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ops-sync-owner-'))
  ws = openWorkspace({ dataDir: dir })
  sim = await startItsmSimulator({ seed: 3, srCount: 300 })
  addSource(
    ws.store,
    { name: 'two', kind: 'itsm', config: { url: sim.url, tokenEnv: 'TWO_ITSM_TOKEN' } },
    Date.now(),
  )
})
afterEach(async () => {
  await sim.close()
  ws.close()
  rmSync(dir, { recursive: true, force: true })
})

const connector = (): Connector =>
  createItsmConnector({ name: 'two', url: sim.url, token: sim.token }, defaultHttpDeps())

/**
 * A running entry as another process would have written it: with its last heartbeat, or none as
 * entries were written before heartbeats were kept.
 */
function runningEntry(
  store: Store,
  ownerPid: number | null,
  startedAt: number,
  heartbeatAt: number | null = null,
): number {
  const info = store.sqlite
    .prepare(
      `INSERT INTO sync_log (source, entity, started_at, status, rows, pages, owner_pid, heartbeat_at)
       VALUES (?, 'srs', ?, 'running', 0, 0, ?, ?)`,
    )
    .run(SOURCE, startedAt, ownerPid, heartbeatAt)
  return Number(info.lastInsertRowid)
}
const entry = (id: number) => recentSyncLog(ws.store, 100, SOURCE).find((e) => e.id === id)

/** The reason of the error `fn` throws. */
function refusal(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return (err as { reason?: unknown }).reason
  }
  throw new Error('nothing was thrown')
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

/** Polls `probe` every 10 ms until it returns a value, for at most 60 s. */
async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('a sync of a source another live process is syncing', () => {
  it(
    'the CLI is refused while this process syncs, and this sync is not marked interrupted',
    { timeout: 60_000 },
    async () => {
      // This process's sync holds at its first SR page until the CLI has been run.
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      let reachedGate!: () => void
      const atGate = new Promise<void>((resolve) => (reachedGate = resolve))
      const real = connector()
      const held: Connector = {
        ...real,
        fetchPage: async (entity, cursor, opts) => {
          if (entity === 'srs' && cursor === null) {
            reachedGate()
            await gate
          }
          return real.fetchPage(entity, cursor, opts)
        },
      }
      const mine = syncSource(ws.store, held)
      await atGate

      const other = await cli(['sync', '--json', '--data-dir', dir], ENV)
      expect(other.code).toBe(1)
      // On stderr while syncSource throws the refusal; in the outcome, on stdout, if the engine returns it.
      expect(other.stderr + other.stdout).toContain(
        `${SOURCE} is being synced by another process (pid ${process.pid}); try again when it ends`,
      )
      release()
      expect(await mine).toMatchObject({ status: 'ok', error: null })
      const log = recentSyncLog(ws.store, 100, SOURCE)
      expect(log.filter((e) => e.status !== 'ok')).toEqual([])
      expect(log).toHaveLength(7)
      // The CLI asked the server nothing: only this process's requests reached it.
      expect(sim.requests.filter((r) => r.path.endsWith('/srs'))).toHaveLength(1)
    },
  )

  it(
    'this process is refused while the CLI syncs; once the CLI is killed, its run is closed as interrupted',
    { timeout: 60_000 },
    async () => {
      sim.setFaults({ latencyMs: 400 })
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'sync', '--json', '--data-dir', dir],
        { cwd: repoRoot, env: { ...process.env, ...ENV }, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
      try {
        const childPid = child.pid ?? -1
        const running = ws.store.sqlite.prepare(
          "SELECT id FROM sync_log WHERE source = ? AND status = 'running' AND owner_pid = ?",
        )
        await until(() => running.get(SOURCE, childPid), 'waiting for the CLI sync to start')

        // Thrown by syncSource (a SyncBusyError), or its failed outcome if the engine returns it as one.
        const refused = await syncSource(ws.store, connector()).then(
          (outcome) => ({ status: outcome.status, message: outcome.error }),
          (err: unknown) => ({
            status: err instanceof SyncBusyError ? 'refused' : 'threw',
            message: String(err),
          }),
        )
        expect(['refused', 'failed']).toContain(refused.status)
        expect(refused.message).toContain(
          `${SOURCE} is being synced by another process (pid ${childPid}); try again when it ends`,
        )
        // The CLI's entry is untouched and still running.
        expect(running.get(SOURCE, childPid)).toBeDefined()

        child.kill('SIGKILL')
        await exited
        sim.setFaults({ latencyMs: 0 })
        expect(await syncSource(ws.store, connector())).toMatchObject({ status: 'ok' })
        const killed = recentSyncLog(ws.store, 100, SOURCE).filter((e) => e.error?.includes('interrupted'))
        expect(killed).toEqual([
          expect.objectContaining({
            status: 'failed',
            error: 'interrupted (the process stopped during the sync)',
          }),
        ])
      } finally {
        child.kill('SIGKILL')
        await exited
      }
    },
  )
})

describe('another process starting to sync the source between two entities of this run', () => {
  it('stops this run with a failed outcome naming that process, not an exception', async () => {
    // The moment between one entity's end and the next one's start, when the source has no
    // running entry: what a CLI sync of the same source starting then leaves (the test runner's
    // parent stands for its live process), written as the tenants' last page is reported.
    let entered = false
    const outcome = await syncSource(ws.store, connector(), {
      onProgress: (p) => {
        if (entered || p.entity !== 'tenants' || p.rows === 0) return
        entered = true
        runningEntry(ws.store, process.ppid, Date.now(), Date.now())
      },
    })
    expect(entered).toBe(true)
    expect(outcome).toMatchObject({
      source: SOURCE,
      status: 'failed',
      error: `${SOURCE} is being synced by another process (pid ${process.ppid}); try again when it ends`,
      reason: { code: 'source_syncing_elsewhere', params: { name: 'two', pid: String(process.ppid) } },
    })
    // The tenants it committed stay; the other process's entry is left alone, still running.
    expect(outcome.rows).toBeGreaterThan(0)
    const log = recentSyncLog(ws.store, 10, SOURCE)
    expect(log.map((e) => [e.entity, e.status])).toEqual([
      ['srs', 'running'],
      ['tenants', 'ok'],
    ])
    expect(sim.requests.filter((r) => r.path.endsWith('/srs'))).toEqual([])
  })
})

describe('closeAbandonedRuns', () => {
  // Passed as both the log's clock and the real clock liveness is judged at (its last argument).
  const now = Date.parse('2026-03-18T06:00:00Z')

  it('leaves a live process its run and refuses, naming the process', () => {
    // The test runner's parent process: alive, and not this one.
    const id = runningEntry(ws.store, process.ppid, now - 60_000)
    expect(() => closeAbandonedRuns(ws.store, SOURCE, now, now)).toThrow(
      `${SOURCE} is being synced by another process (pid ${process.ppid}); try again when it ends`,
    )
    // The refusal's reason, for the app to word (the pid as text: a name, not a count).
    expect(refusal(() => closeAbandonedRuns(ws.store, SOURCE, now, now))).toEqual({
      code: 'source_syncing_elsewhere',
      params: { name: 'two', pid: String(process.ppid) },
    })
    expect(entry(id)).toMatchObject({ status: 'running', error: null })
  })

  it('closes the entries of a process that is gone, of this process and of no recorded process', () => {
    const gone = runningEntry(ws.store, deadPid(), now - 60_000)
    const own = runningEntry(ws.store, process.pid, now - 50_000)
    const legacy = runningEntry(ws.store, null, now - 40_000)
    expect(closeAbandonedRuns(ws.store, SOURCE, now, now)).toBe(3)
    for (const id of [gone, own, legacy])
      expect(entry(id)).toMatchObject({
        status: 'failed',
        finishedAt: now,
        error: 'interrupted (the process stopped during the sync)',
        reason: { code: 'interrupted' },
      })
  })

  it('closes a live process’s run without heartbeats (an earlier version’s) that has shown no sign of life for half an hour (a reused pid)', () => {
    const id = runningEntry(ws.store, process.ppid, now - SYNC_SILENT_MS - 1)
    expect(closeAbandonedRuns(ws.store, SOURCE, now, now)).toBe(1)
    expect(entry(id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('no progress for over 30 minutes'),
      reason: { code: 'interrupted_silent', params: { pid: String(process.ppid), minutes: 30 } },
    })
  })

  it('closes a live pid’s run whose heartbeat stopped over two minutes ago (a crash, the pid given to another program)', () => {
    const id = runningEntry(ws.store, process.ppid, now - 5 * 60_000, now - SYNC_HEARTBEAT_SILENT_MS - 1)
    expect(closeAbandonedRuns(ws.store, SOURCE, now, now)).toBe(1)
    expect(entry(id)).toMatchObject({
      status: 'failed',
      error: `interrupted (process ${process.ppid} gave no sign of life for over 2 minutes)`,
      reason: { code: 'interrupted_silent', params: { pid: String(process.ppid), minutes: 2 } },
    })
  })

  it('leaves a run with a recent heartbeat to its process, however long ago it started or committed', () => {
    // Hours into a slow sync whose page waits through retries: no commit for long, but beating.
    const id = runningEntry(
      ws.store,
      process.ppid,
      now - 5 * 3_600_000,
      now - SYNC_HEARTBEAT_SILENT_MS + 1000,
    )
    expect(() => closeAbandonedRuns(ws.store, SOURCE, now, now)).toThrow(SyncBusyError)
    expect(entry(id)?.status).toBe('running')
  })

  it('counts a committed page as a sign of life', () => {
    const id = runningEntry(ws.store, process.ppid, now - SYNC_SILENT_MS - 1)
    ws.store.sqlite
      .prepare("INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, 'srs', 'x', ?)")
      .run(SOURCE, now - 60_000)
    expect(() => closeAbandonedRuns(ws.store, SOURCE, now, now)).toThrow(SyncBusyError)
    expect(entry(id)?.status).toBe('running')
  })
})

describe('a running sync', () => {
  it('beats while it runs, so another process sees it alive between commits', async () => {
    // Slow answers: each page takes 400 ms, longer than a beat here.
    sim.setFaults({ latencyMs: 400 })
    const beats: number[] = []
    const run = syncSource(ws.store, connector(), { entities: ['tenants'], pageSize: 5, heartbeatMs: 50 })
    const started = await until(
      () => recentSyncLog(ws.store, 10, SOURCE).find((e) => e.status === 'running'),
      'a running entry',
    )
    const heartbeat = () =>
      ws.store.sqlite
        .prepare('SELECT heartbeat_at FROM sync_log WHERE id = ?')
        .pluck()
        .get(started.id) as number
    beats.push(heartbeat())
    await until(() => (heartbeat() > (beats[0] ?? 0) ? true : undefined), 'a later heartbeat')
    beats.push(heartbeat())
    expect(beats[0]).toBeGreaterThanOrEqual(started.startedAt)
    expect(beats[1]).toBeGreaterThan(beats[0] ?? Infinity)
    sim.setFaults({ latencyMs: 0 })
    expect((await run).status).toBe('ok')
  }, 60_000)

  it('closed as interrupted by another process while it was stopped, writes nothing more and says so', async () => {
    sim.setFaults({ latencyMs: 400 })
    const run = syncSource(ws.store, connector(), { entities: ['tenants'], pageSize: 5 })
    const running = await until(
      () => recentSyncLog(ws.store, 10, SOURCE).find((e) => e.status === 'running'),
      'a running entry',
    )
    // What another process does to a run whose heartbeat stopped (its process suspended).
    ws.store.sqlite
      .prepare("UPDATE sync_log SET status = 'failed', finished_at = ?, error = ? WHERE id = ?")
      .run(Date.now(), 'interrupted (process 1 gave no sign of life for over 2 minutes)', running.id)
    const outcome = await run
    sim.setFaults({ latencyMs: 0 })
    expect(outcome).toMatchObject({
      status: 'failed',
      rows: 0,
      reason: expect.objectContaining({ code: 'sync_taken_over' }),
    })
    expect(outcome.error).toContain('Another process closed this run as interrupted')
    // Nothing of the run was written: no tenant, no cursor.
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()).toBe(0)
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0)
  }, 60_000)
})

describe('source remove while another process syncs the source', () => {
  it('is refused, leaving the source as it was; once that run is over it is removed', async () => {
    // This test process is "another process" to the CLI: a run of its own is under way.
    const id = runningEntry(ws.store, process.pid, Date.now())
    const refused = await cli(['source', 'remove', 'two', '--data-dir', dir])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      `error: "two" is being synced by another process (pid ${process.pid}): wait until that sync ends, or stop it, then remove "two"\n`,
    )
    expect(getSource(ws.store, 'two')).not.toBeNull()
    expect(entry(id)?.status).toBe('running')

    ws.store.sqlite
      .prepare("UPDATE sync_log SET status = 'ok', finished_at = ? WHERE id = ?")
      .run(Date.now(), id)
    const removed = await cli(['source', 'remove', 'two', '--data-dir', dir])
    expect(removed).toMatchObject({
      code: 0,
      stdout: 'removed ITSM REST connection "two" (its SRs stay in the workspace)\n',
    })
    expect(getSource(ws.store, 'two')).toBeNull()
  }, 60_000)
})

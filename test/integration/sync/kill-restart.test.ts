// A crash mid-sync loses nothing and duplicates nothing (SPEC §10): the CLI's `sync` runs as a real
// process against a slowed-down simulator, is SIGKILLed right after its first SR page is committed,
// and is run again to completion. The store must then equal, table by table, a second workspace that
// synced the same seeded data without interruption, and the killed run must be logged as interrupted.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { addSource } from '../../../src/main/core/sources/registry'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import type { Connector } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import { recentSyncLog } from '../../../src/main/core/sync/state'
import { DATABASE_FILE, openWorkspace } from '../../../src/main/core/workspace'
import { startItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startServiceNowSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { cli, repoRoot } from '../../helpers/cli'
import { duplicates, snapshotStore } from './store-snapshot'

/** One remote, as the test drives it: how to register it, connect in-process, and slow it down. */
type Remote = {
  source: string
  /** `source add` config and the environment that holds its secret. */
  config: { kind: string; config: unknown }
  env: Record<string, string>
  connector(): Connector
  setLatency(ms: number): void
  /** Source ids of the SRs at or before a stored SR cursor, in the simulator's data. */
  idsUpTo(cursor: string): string[]
  srCount: number
  close(): Promise<void>
}

async function itsmRemote(): Promise<Remote> {
  const sim = await startItsmSimulator({ seed: 21, srCount: 6000 })
  return {
    source: 'itsm:kill',
    config: { kind: 'itsm', config: { url: sim.url, tokenEnv: 'KILL_ITSM_TOKEN' } },
    env: { KILL_ITSM_TOKEN: sim.token },
    connector: () => createItsmConnector({ name: 'kill', url: sim.url, token: sim.token }, defaultHttpDeps()),
    setLatency: (ms) => sim.setFaults({ latencyMs: ms }),
    idsUpTo: (cursor) => {
      const at = JSON.parse(cursor) as { updated_after: string; after_id: string }
      const ms = Date.parse(at.updated_after)
      return sim.data.srs
        .filter((r) => {
          const d = Date.parse(r.updated_at) - ms
          return d < 0 || (d === 0 && r.id <= at.after_id)
        })
        .map((r) => r.id)
    },
    srCount: sim.data.srs.length,
    close: () => sim.close(),
  }
}

async function serviceNowRemote(): Promise<Remote> {
  const sim = await startServiceNowSimulator({ seed: 21, count: 6000 })
  let latencyMs = 0
  return {
    source: 'servicenow:kill',
    config: { kind: 'servicenow', config: { url: sim.url, user: 'integration', passwordEnv: 'KILL_SN_PW' } },
    env: { KILL_SN_PW: 'secret' },
    connector: () =>
      createServiceNowConnector(
        { name: 'kill', url: sim.url, auth: { kind: 'basic', user: 'integration', password: 'secret' } },
        defaultHttpDeps(),
      ),
    setLatency: (ms) => {
      latencyMs = ms
      sim.setFaults({ latencyMs })
    },
    idsUpTo: (cursor) => {
      const at = JSON.parse(cursor) as { updatedOn: string; sysId: string }
      return sim.records
        .filter((r) => {
          const u = r['sys_updated_on']?.value ?? ''
          return u < at.updatedOn || (u === at.updatedOn && (r['sys_id']?.value ?? '') <= at.sysId)
        })
        .map((r) => r['sys_id']?.value ?? '')
    },
    srCount: sim.records.length,
    close: () => sim.close(),
  }
}

/** Polls `probe` every 10 ms until it returns a value; fails at the deadline or if `gaveUp` says why. */
async function until<T>(probe: () => T | undefined, what: string, gaveUp: () => string | null): Promise<T> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    const reason = gaveUp()
    if (reason !== null) throw new Error(`${what}: ${reason}`)
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const dirs: string[] = []
const remotes: Remote[] = []
afterEach(async () => {
  for (const r of remotes.splice(0)) await r.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function workspaceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-kill-'))
  dirs.push(dir)
  return dir
}

describe.each([
  ['ITSM REST', itsmRemote],
  ['ServiceNow', serviceNowRemote],
])('SIGKILL during a %s sync', (_name, makeRemote) => {
  // Three CLI processes and two full syncs: generous on a loaded 2-core machine.
  it(
    'resumes after a restart into exactly the store of an uninterrupted sync',
    { timeout: 90_000 },
    async () => {
      const remote = await makeRemote()
      remotes.push(remote)
      const killedDir = workspaceDir()
      const ws = openWorkspace({ dataDir: killedDir })
      addSource(ws.store, { name: 'kill', ...remote.config }, Date.now())
      ws.close()

      // Slow enough that the sync is still paging when its first SR batch is committed (the engine
      // commits every 5,000 rows or every second: seconds of paging are left at that point).
      remote.setLatency(150)
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'sync', '--json', '--data-dir', killedDir],
        { cwd: repoRoot, env: { ...process.env, ...remote.env }, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)))
      let exitedEarly: string | null = null
      child.on('exit', (code) => (exitedEarly = `the sync exited (${code}) before it was killed: ${stderr}`))

      const db = new Database(join(killedDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
      try {
        const cursorOf = db.prepare("SELECT cursor FROM sync_state WHERE source = ? AND entity = 'srs'")
        await until(
          () => (cursorOf.get(remote.source) as { cursor: string } | undefined)?.cursor,
          'waiting for the first committed SR page',
          () => exitedEarly,
        )
        child.kill('SIGKILL')
        expect(await exited).toBe('SIGKILL')

        // What the killed process left: a run still marked running, and rows that match the cursor
        // exactly (the cursor never runs ahead of committed rows, nor behind them).
        const running = db
          .prepare("SELECT entity FROM sync_log WHERE source = ? AND status = 'running'")
          .all(remote.source)
        expect(running).toHaveLength(1)
        const cursor = (cursorOf.get(remote.source) as { cursor: string }).cursor
        const stored = (
          db.prepare('SELECT source_id FROM service_requests WHERE source = ?').all(remote.source) as {
            source_id: string
          }[]
        ).map((r) => r.source_id)
        expect(stored.sort()).toEqual(remote.idsUpTo(cursor).sort())
      } finally {
        db.close()
      }

      remote.setLatency(0)
      const restart = await cli(['sync', '--json', '--data-dir', killedDir], remote.env)
      expect(restart.stderr).toBe('')
      expect(restart.code).toBe(0)
      expect(JSON.parse(restart.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])

      const referenceDir = workspaceDir()
      const reference = openWorkspace({ dataDir: referenceDir })
      const resumed = openWorkspace({ dataDir: killedDir })
      try {
        expect((await syncSource(reference.store, remote.connector())).status).toBe('ok')
        const want = snapshotStore(reference.store.sqlite)
        const got = snapshotStore(resumed.store.sqlite)
        expect(want.serviceRequests).toHaveLength(remote.srCount)
        expect(got.serviceRequests).toEqual(want.serviceRequests)
        expect(duplicates(got.srEvents)).toEqual([])
        expect({ ...got, serviceRequests: null }).toEqual({ ...want, serviceRequests: null })

        const log = recentSyncLog(resumed.store, 100, remote.source)
        const interrupted = log.filter((e) => e.error?.includes('interrupted'))
        expect(interrupted).toHaveLength(1)
        expect(interrupted[0]).toMatchObject({ status: 'failed', finishedAt: expect.any(Number) })
        expect(log.filter((e) => e.status === 'running')).toEqual([])
      } finally {
        reference.close()
        resumed.close()
      }
    },
  )
})

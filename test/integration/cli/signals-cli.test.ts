// SIGTERM and Ctrl+C against a running CLI process: a sync or an import stopped by SIGTERM, an import
// into a new --data-dir stopped by Ctrl+C (the workspace it made goes again), Ctrl+C during the KPI
// recalculation that follows a sync, and a second, later Ctrl+C that quits at once.
//
// Timing on a loaded machine: the recalculation of the fixture's 81 KPIs takes a few hundred
// milliseconds and an import's writing about a second, so the CLI stops itself (SIGSTOP, see
// test/helpers/stop-at-line.mjs) right after saying the recalculation or the writing started; the
// test sends the signal while it is stopped and lets it go on (SIGCONT): the signal is then taken
// between two KPIs or two chunks however slowly this process read the line. A sync is stopped with
// its second page never answered (the simulator's timeoutEvery), so a signal sent once the first
// page is stored finds exactly that page stored.
import Database from 'better-sqlite3'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openCliContext } from '../../../src/main/cli/context'
import { COPY_WINDOW_MS } from '../../../src/main/cli/interrupt'
import { recentSyncLog } from '../../../src/main/core/sync/state'
import { DATABASE_FILE, openWorkspace } from '../../../src/main/core/workspace'
import { startServiceNowSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { cli, repoRoot, spawnCli, type SpawnedCli } from '../../helpers/cli'
import { writeGeneratedCsv } from '../../helpers/generated-csv'

/** Rows of the generated CSV the import tests stop: 20 chunks of 5,000 to write. */
const BIG_ROWS = 100_000

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Every stored KPI value, as a comparable list. */
function kpiValues(dir: string): unknown[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT * FROM kpi_values ORDER BY kpi_id, period_start').all()
  } finally {
    db.close()
  }
}

/** SRs stored under `source`. */
function storedRows(dir: string, source: string): number {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return (
      db.prepare('SELECT count(*) AS n FROM service_requests WHERE source = ?').get(source) as { n: number }
    ).n
  } finally {
    db.close()
  }
}

describe('signals to a running CLI command', () => {
  let root: string
  /** A demo workspace of 20,000 SRs with every KPI template, for all and for each tenant (81 KPIs). */
  let withKpis: string
  let kpiCount: number
  let sim: Awaited<ReturnType<typeof startServiceNowSimulator>>
  let big: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ops-signals-cli-'))
    big = join(root, 'big.csv')
    await writeGeneratedCsv(big, BIG_ROWS)
    sim = await startServiceNowSimulator({ seed: 11, count: 120 })
    withKpis = join(root, 'with-kpis')
    // Made first, so that the context does not note a new workspace on the test's output.
    openWorkspace({ dataDir: withKpis }).close()
    const ctx = openCliContext({ dataDir: withKpis })
    try {
      const ok = <T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T => {
        if (!r.ok) throw new Error(JSON.stringify(r.error))
        return r.data
      }
      ok(await ctx.invoke('demo:generate', { srCount: 20_000, seed: 1 }))
      const names = ok(await ctx.invoke('kpi:templates', {})).map((t) => t.name)
      ok(await ctx.invoke('kpi:apply', { template_names: names, lang: 'ko' }))
      const tenants = ctx.workspace.store.sqlite.prepare('SELECT name FROM tenants').all() as {
        name: string
      }[]
      for (const { name } of tenants)
        ok(await ctx.invoke('kpi:apply', { template_names: names, lang: 'ko', tenant: name }))
      kpiCount = (
        ctx.workspace.store.sqlite.prepare('SELECT count(*) AS n FROM kpi_definitions').get() as { n: number }
      ).n
    } finally {
      ctx.close()
    }
    expect(kpiCount).toBeGreaterThan(50)
  }, 120_000)
  afterAll(async () => {
    await sim.close()
    rmSync(root, { recursive: true, force: true })
  })
  // Each test's slow simulator, and a CLI a failed test left stopped or running.
  const cleanup: (() => Promise<unknown> | void)[] = []
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step()
  })
  const spawned = (...args: Parameters<typeof spawnCli>): SpawnedCli => {
    const run = spawnCli(...args)
    cleanup.push(() => void run.child.kill('SIGKILL'))
    return run
  }

  /**
   * 1,500 SRs: the first page (1,000) comes after 1.5 s, so the sync commits it on arrival (it
   * commits a page that comes a second or more after the last commit); the second is never answered
   * until the client gives up after 30 s. A signal sent once the first 1,000 are stored finds
   * exactly those, however late it comes (with every answer 3 s late, a test more than 3 s late
   * found the sync over).
   */
  async function slowSimulator(): Promise<Awaited<ReturnType<typeof startServiceNowSimulator>>> {
    const slow = await startServiceNowSimulator({
      seed: 12,
      count: 1_500,
      faults: { latencyMs: 1_500, timeoutEvery: 2 },
    })
    cleanup.push(() => slow.close())
    return slow
  }

  /** A copy of the KPI workspace with a ServiceNow source `name` at `url` (password from SN_PASSWORD). */
  async function workspaceWithSource(name: string, url: string): Promise<string> {
    const dir = mkdtempSync(join(root, 'ws-'))
    cpSync(join(withKpis, DATABASE_FILE), join(dir, DATABASE_FILE))
    const add = ['source', 'add', 'servicenow', '--name', name, '--url', url, '--user', 'integration']
    expect((await cli([...add, '--password-env', 'SN_PASSWORD', '--data-dir', dir])).code).toBe(0)
    return dir
  }

  it('SIGTERM stops a sync as Ctrl+C does: the run logs itself as cancelled, exit code 1', async () => {
    const slow = await slowSimulator()
    const dir = mkdtempSync(join(root, 'term-sync-'))
    const add = ['source', 'add', 'servicenow', '--name', 'slow', '--url', slow.url, '--user', 'integration']
    expect((await cli([...add, '--password-env', 'SN_PASSWORD', '--data-dir', dir])).code).toBe(0)
    const run = spawned(['sync', '--data-dir', dir], { SN_PASSWORD: 'secret' })
    await run.seen('ServiceNow connection "slow" [1/1] service requests: 0 rows')
    while (storedRows(dir, 'servicenow:slow') < 1_000) await sleep(50)
    run.child.kill('SIGTERM')
    // Before, SIGTERM killed the process: no report, and the run stayed open ("running").
    expect(await run.exited).toEqual({ code: 1, signal: null })
    expect(run.stderr()).toContain('stopping (SIGTERM): the pages committed so far are kept\n')
    expect(run.stdout()).toMatch(
      /^ServiceNow connection "slow": cancelled — 1,000 rows in 1 page, [\d.]+ s\n/,
    )
    const ws = openWorkspace({ dataDir: dir })
    try {
      expect(recentSyncLog(ws.store, 100, 'servicenow:slow')).toEqual([
        expect.objectContaining({ status: 'cancelled', rows: 1_000 }),
      ])
    } finally {
      ws.close()
    }
  }, 60_000)

  /**
   * A CLI import of the big CSV into `dir`, stopped by `signal` once it says it writes: the process
   * stops itself right after saying so and the signal is sent while it is stopped, so the signal
   * comes before the first of its 20 chunks however slowly this process read the line.
   */
  async function stoppedImport(dir: string, signal: 'SIGINT' | 'SIGTERM'): Promise<SpawnedCli> {
    const writing = `writing: 0 of ${BIG_ROWS.toLocaleString('en-US')} rows\n`
    const run = spawned(['import', big, '--data-dir', dir], {}, { stopAt: writing })
    await run.seen(writing)
    await run.stopped()
    run.child.kill(signal)
    run.child.kill('SIGCONT')
    expect(await run.exited).toEqual({ code: 1, signal: null })
    expect(run.stdout()).toBe('cancelled: nothing written\n')
    const label = signal === 'SIGINT' ? 'Ctrl+C' : 'SIGTERM'
    expect(run.stderr()).toContain(`stopping (${label}): nothing will be written\n`)
    return run
  }

  it('Ctrl+C during an import into a new --data-dir removes the workspace it made, and only that', async () => {
    // Two folders made by this command: the --data-dir and its missing parent.
    const parent = join(root, 'new-parent')
    const dir = join(parent, 'workspace')
    const run = await stoppedImport(dir, 'SIGINT')
    expect(run.stderr()).toContain(`note: created a new, empty workspace in ${dir}`)
    expect(run.stderr()).toContain(`note: removed the new workspace in ${dir} again: nothing was imported\n`)
    // Before, an empty workspace stayed there, its sync log holding the cancelled run.
    expect(existsSync(parent)).toBe(false)
    expect(existsSync(root)).toBe(true)
    // A folder that was there (empty, or holding other files) stays as it was.
    const kept = join(root, 'kept-folder')
    mkdirSync(kept)
    writeFileSync(join(kept, 'notes.txt'), 'mine')
    const again = await stoppedImport(kept, 'SIGINT')
    expect(again.stderr()).toContain(`note: removed the new workspace in ${kept} again`)
    expect(readdirSync(kept)).toEqual(['notes.txt'])
    expect(readFileSync(join(kept, 'notes.txt'), 'utf8')).toBe('mine')
  }, 60_000)

  it('SIGTERM stops an import into a workspace while it writes: its contents kept, logged as cancelled', async () => {
    const dir = join(root, 'term-import')
    const earlier = join(repoRoot, 'test/fixtures/import/canonical-utf8.csv')
    expect((await cli(['import', earlier, '--data-dir', dir])).code).toBe(0)
    const before = storedRows(dir, 'import:file')
    expect(before).toBeGreaterThan(0)
    const run = await stoppedImport(dir, 'SIGTERM')
    expect(run.stderr()).not.toContain('removed')
    expect(run.stderr()).not.toContain('created a new')
    // The rows it held before, and none of the stopped import's.
    expect(storedRows(dir, 'import:file')).toBe(before)
    const ws = openWorkspace({ dataDir: dir })
    try {
      expect(recentSyncLog(ws.store, 100, 'import:file')).toEqual([
        expect.objectContaining({ status: 'cancelled', rows: 0 }),
        expect.objectContaining({ status: 'ok', rows: before }),
      ])
    } finally {
      ws.close()
    }
  }, 60_000)

  it('Ctrl+C during the KPI recalculation after a sync stops it cleanly: rows kept, KPIs as before', async () => {
    const dir = await workspaceWithSource('sn', sim.url)
    const before = kpiValues(dir)
    expect(before.length).toBeGreaterThan(0)
    const recalculating = `recalculating the KPIs: 0 of ${kpiCount}\n`
    const run = spawned(['sync', '--data-dir', dir], { SN_PASSWORD: 'secret' }, { stopAt: recalculating })
    await run.seen(recalculating)
    await run.stopped()
    run.child.kill('SIGINT')
    run.child.kill('SIGCONT')
    // Before, the signal killed the process in the middle of the recalculation.
    expect(await run.exited).toEqual({ code: 1, signal: null })
    expect(run.stdout()).toMatch(/^ServiceNow connection "sn": ok — 120 rows in 1 page, [\d.]+ s\n$/)
    expect(run.stderr()).toContain('stopping (Ctrl+C): the KPI recalculation is rolled back\n')
    expect(run.stderr()).toContain(
      'stopped (Ctrl+C): the rows synced are kept; the KPIs were not recalculated and keep their earlier values (nothing half-written); `kpi calc` recalculates them',
    )
    expect(storedRows(dir, 'servicenow:sn')).toBe(120)
    // All or nothing: not one KPI value (nor its computed_at) changed.
    expect(kpiValues(dir)).toEqual(before)
    // As said: `kpi calc` brings them up to date.
    expect((await cli(['kpi', 'calc', '--data-dir', dir])).code).toBe(0)
    expect(kpiValues(dir)).not.toEqual(before)
  }, 60_000)

  it('a second Ctrl+C later than the first quits at once (exit 130), saying what it left', async () => {
    const slow = await slowSimulator()
    const dir = await workspaceWithSource('slow', slow.url)
    const recalculating = `recalculating the KPIs: 0 of ${kpiCount}\n`
    const run = spawned(['sync', '--data-dir', dir], { SN_PASSWORD: 'secret' }, { stopAt: recalculating })
    await run.seen('ServiceNow connection "slow" [1/1] service requests: 0 rows')
    while (storedRows(dir, 'servicenow:slow') < 1_000) await sleep(50)
    const before = kpiValues(dir)
    run.child.kill('SIGINT')
    await run.seen('stopping (Ctrl+C): the pages committed so far are kept\n')
    // The CLI had taken the first press by the time it said so (its clock is this machine's).
    const firstTakenBy = Date.now()
    // The sync stops; the KPIs still follow its 1,000 rows, and that is what a second press meets.
    await run.seen(recalculating)
    await run.stopped()
    // Past the window in which a copy of the first press is taken as the same one, counted from when
    // the CLI had taken it: from when it was sent, a CLI slow to take it saw the second as a copy.
    await sleep(Math.max(0, firstTakenBy + COPY_WINDOW_MS + 300 - Date.now()))
    run.child.kill('SIGINT')
    run.child.kill('SIGCONT')
    expect(await run.exited).toEqual({ code: 130, signal: null })
    expect(run.stderr()).toContain(
      'quit at once (Ctrl+C again) during the KPI recalculation: the rows synced are kept; the KPIs keep their earlier values',
    )
    expect(run.stdout()).toBe('')
    expect(kpiValues(dir)).toEqual(before)
    const ws = openWorkspace({ dataDir: dir })
    try {
      // The sync had ended before the recalculation: its run is closed as cancelled.
      expect(recentSyncLog(ws.store, 100, 'servicenow:slow')).toEqual([
        expect.objectContaining({ status: 'cancelled', rows: 1_000 }),
      ])
    } finally {
      ws.close()
    }
  }, 60_000)
})

// A sync killed mid-run (a command-line sync stopped with SIGKILL, a reboot) leaves its log entry
// 'running'. Only the next sync of that source closes it, and when that sync never reaches the
// engine (the app has no secret for a source the CLI reads from a variable) the entry stayed
// "running" on the Sync screen and in `sync log` for good. The log shows such a run as interrupted,
// while a run another live process is making (or this process's own worker) still shows running.
import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { addSource } from '../../../src/main/core/sources/registry'
import { SYNC_HEARTBEAT_SILENT_MS } from '../../../src/main/core/sync/state'
import { cli } from '../../helpers/cli'
import { appContext, type AppContext } from './app-context'

let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('sync log entries of runs that are over', () => {
  it(
    'a run whose process was killed shows as interrupted in the app and the CLI, a live one as running',
    { timeout: 60_000 },
    async () => {
      app = appContext()
      const store = app.ws.store
      // Added by the command line: its token is in a variable the app's environment does not have.
      addSource(
        store,
        {
          name: 'cron',
          kind: 'itsm',
          config: { url: 'http://127.0.0.1:8089', tokenEnv: 'CRON_ITSM_TOKEN_UNSET' },
        },
        Date.now() - 3_600_000,
      )
      const insert = store.sqlite.prepare(
        `INSERT INTO sync_log (source, entity, started_at, status, rows, pages, owner_pid, heartbeat_at)
         VALUES (?, 'srs', ?, 'running', 0, 0, ?, ?)`,
      )
      const now = Date.now()
      const entry = (source: string, pid: number, heartbeatAt: number): number =>
        Number(insert.run(source, Math.min(now - 60_000, heartbeatAt), pid, heartbeatAt).lastInsertRowid)
      // The CLI's sync, killed; a run whose pid another program took after a reboot (no heartbeat for
      // long); a run another live process is making now; this process's own (its worker thread).
      const killed = entry('itsm:cron', deadPid(), now - 30_000)
      const rebooted = entry('itsm:gone', process.ppid, now - SYNC_HEARTBEAT_SILENT_MS - 60_000)
      const elsewhere = entry('itsm:other', process.ppid, now - 1_000)
      const mine = entry('itsm:mine', process.pid, now - 1_000)

      // The app's own sync of the source fails before it syncs (no token), as it will every time.
      expect((await app.ok('sync:run', { source: 'cron' })).started).toBe(true)
      await app.sync.scheduler.idle()
      expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
        expect.objectContaining({ source: 'cron', status: 'failed' }),
      ])

      const shown = new Map((await app.ok('sync:log', {})).map((e) => [e.id, e]))
      expect(shown.get(killed)).toMatchObject({
        status: 'failed',
        error: 'interrupted (the process stopped during the sync)',
        reason: { code: 'interrupted' },
      })
      expect(shown.get(rebooted)).toMatchObject({
        status: 'failed',
        reason: { code: 'interrupted_silent', params: { pid: String(process.ppid) } },
      })
      expect(shown.get(elsewhere)).toMatchObject({ status: 'running', error: null, reason: null })
      expect(shown.get(mine)).toMatchObject({ status: 'running', error: null, reason: null })

      // The command line reads the same log.
      const out = await cli(['sync', 'log', '--json', '--data-dir', app.ws.dataDir])
      expect(out.code).toBe(0)
      const listed = new Map(
        (JSON.parse(out.stdout) as { id: number; status: string; error: string | null }[]).map((e) => [
          e.id,
          e,
        ]),
      )
      expect(listed.get(killed)).toMatchObject({
        status: 'failed',
        error: 'interrupted (the process stopped during the sync)',
      })
      expect(listed.get(elsewhere)?.status).toBe('running')
    },
  )

  it(
    'judges whether a run is still going on the real clock, whatever date the metrics are asked for',
    { timeout: 60_000 },
    async () => {
      // `--as-of` (the CLI) and a pinned clock (the harness) move the core's "now", a metrics date.
      // A run's heartbeat is the real time it last beat: judged against a past as-of, a run silent
      // for minutes still looked alive; against a future one, a run beating now looked gone, and
      // the connection it syncs could be removed from under it.
      app = appContext({ now: () => Date.parse('2035-06-30T00:00:00Z') })
      const store = app.ws.store
      addSource(store, { name: 'live', kind: 'itsm', config: { url: 'http://127.0.0.1:8089' } }, Date.now())
      const insert = store.sqlite.prepare(
        `INSERT INTO sync_log (source, entity, started_at, status, rows, pages, owner_pid, heartbeat_at)
         VALUES (?, 'srs', ?, 'running', 0, 0, ?, ?)`,
      )
      const now = Date.now()
      // Both by this test's process, which the CLI sees as another live process; one beat a second
      // ago, the other has not beaten for over the allowed silence (its pid since reused, say).
      const live = Number(insert.run('itsm:live', now - 60_000, process.pid, now - 1_000).lastInsertRowid)
      const silent = Number(
        insert.run('itsm:silent', now - 600_000, process.pid, now - SYNC_HEARTBEAT_SILENT_MS - 60_000)
          .lastInsertRowid,
      )

      for (const asOf of ['2020-01-01', '2035-06-30']) {
        const out = await cli(['sync', 'log', '--json', '--as-of', asOf, '--data-dir', app.ws.dataDir])
        expect(out.code, out.stderr).toBe(0)
        const listed = new Map(
          (JSON.parse(out.stdout) as { id: number; status: string; error: string | null }[]).map((e) => [
            e.id,
            e,
          ]),
        )
        expect(listed.get(live), `--as-of ${asOf}`).toMatchObject({ status: 'running', error: null })
        expect(listed.get(silent), `--as-of ${asOf}`).toMatchObject({
          status: 'failed',
          error: `interrupted (process ${process.pid} gave no sign of life for over 2 minutes)`,
        })
      }

      // In this process the core's clock is pinned in 2035; the CLI's "other process" here is the
      // parent of this test process, beating now.
      store.sqlite
        .prepare('UPDATE sync_log SET owner_pid = ? WHERE id IN (?, ?)')
        .run(process.ppid, live, silent)
      const shown = new Map((await app.ok('sync:log', {})).map((e) => [e.id, e]))
      expect(shown.get(live)).toMatchObject({ status: 'running', reason: null })
      expect(shown.get(silent)).toMatchObject({ status: 'failed', reason: { code: 'interrupted_silent' } })
      // The connection a live run pulls is not removed from under it.
      expect(await app.invoke('sources:remove', { name: 'live' })).toMatchObject({
        ok: false,
        error: { reason: { code: 'source_syncing_elsewhere_remove' } },
      })
    },
  )
})

// What the app does after every sync or import that wrote data, done by the CLI before it exits:
// the app's KPI engine recalculates on its after-sync hook (SPEC §6: "it runs after every sync"),
// but a CLI process runs no KPI scheduler, so `kpi list` after a CLI sync showed stale values.
//
// The recalculation is one write transaction over every KPI, with the event loop let in between two
// KPIs so that Ctrl+C or SIGTERM is heard (before, the command's signal listener was gone by then,
// and the signal killed the process with whatever KPIs it had written so far). Stopped, it rolls
// back: the KPIs keep the values they had before, all of them, and are brought up to date by
// `kpi calc`, the next CLI sync or import that writes data, or the app when it starts (its KPI
// engine recalculates every KPI at start).
import { dirname } from 'node:path'
import type { Store } from '../core/db/open-database'
import { storeFailure } from '../core/errors'
import { calculateKpi } from '../core/kpi/calculate'
import { listKpis } from '../core/kpi/definitions'
import { signalLabel, type StopSignal, type StopWatch } from './interrupt'

/** How the recalculation ended: every KPI written, stopped (none written), or failed (warned). */
export type RecalcOutcome = 'done' | 'stopped' | 'failed'

/** Said when a stop request ended the recalculation (the rows synced or imported are kept). */
export const RECALC_STOPPED =
  'the KPIs were not recalculated and keep their earlier values (nothing half-written); ' +
  '`kpi calc` recalculates them, and so do the next sync or import that writes data and the app when it starts'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Recalculates every KPI as of `now` in one transaction; a failure is a warning (the data is
 * written), not an exit. `stopped()` is asked between two KPIs and before the commit.
 */
export async function recalculateAfterWrite(
  store: Store,
  opts: {
    now: number
    zone: string
    warn: (line: string) => void
    stopped?: () => boolean
    onProgress?: (done: number, total: number) => void
  },
): Promise<RecalcOutcome> {
  const sqlite = store.sqlite
  try {
    sqlite.exec('BEGIN IMMEDIATE')
    const kpis = listKpis(store)
    opts.onProgress?.(0, kpis.length)
    for (const [i, kpi] of kpis.entries()) {
      await nextTurn()
      if (opts.stopped?.()) break
      // Its own write transaction runs as a savepoint inside this one.
      calculateKpi(store, kpi, { now: opts.now, zone: opts.zone })
      opts.onProgress?.(i + 1, kpis.length)
    }
    await nextTurn()
    if (opts.stopped?.()) {
      sqlite.exec('ROLLBACK')
      return 'stopped'
    }
    sqlite.exec('COMMIT')
    return 'done'
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    // A workspace that refused the write (its disk full …) is said as what to do, not in SQLite's words.
    const why =
      storeFailure(err, dirname(store.path))?.message ?? (err instanceof Error ? err.message : String(err))
    opts.warn(`warning: the KPIs were not recalculated (${why}); run \`kpi calc\``)
    return 'failed'
  }
}

/**
 * The recalculation after a sync or import, as the command runs it: its progress on stderr, and a
 * stop request that comes during it (Ctrl+C, SIGTERM) stops it cleanly, said at once and at its end.
 * A request taken before it (the sync was stopped) does not: the rows kept still get their KPIs.
 */
export async function recalculateStoppably(
  ctx: { workspace: { store: Store }; asOf: number | null; zone: string },
  progress: { show(step: string, line: string): void; done(): void },
  watch: Pick<StopWatch, 'phase'>,
  written: 'synced' | 'imported' = 'synced',
): Promise<RecalcOutcome> {
  let stop: StopSignal | null = null
  watch.phase(
    (signal) => {
      stop = signal
      progress.done()
      process.stderr.write(`stopping (${signalLabel(signal)}): the KPI recalculation is rolled back\n`)
    },
    (signal) =>
      `quit at once (${signalLabel(signal)} again) during the KPI recalculation: the rows ${written} are kept; ` +
      'the KPIs keep their earlier values and are recalculated by `kpi calc`, the next sync or import, or the app when it starts',
  )
  const outcome = await recalculateAfterWrite(ctx.workspace.store, {
    now: ctx.asOf ?? Date.now(),
    zone: ctx.zone,
    warn: (line) => process.stderr.write(`${line}\n`),
    stopped: () => stop !== null,
    onProgress: (done, total) => {
      if (total > 0)
        progress.show(
          'kpi',
          `recalculating the KPIs: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
        )
    },
  })
  progress.done()
  if (outcome === 'stopped' && stop !== null)
    process.stderr.write(`stopped (${signalLabel(stop)}): the rows ${written} are kept; ${RECALC_STOPPED}\n`)
  return outcome
}

// What the app does after every sync or import that wrote data, done by the CLI before it exits:
// the app's KPI engine recalculates on its after-sync hook (SPEC §6: "it runs after every sync"),
// but a CLI process runs no KPI scheduler, so `kpi list` after a CLI sync showed stale values.
import type { Store } from '../core/db/open-database'
import { recalculateKpis } from '../core/kpi/calculate'

/** Recalculates every KPI as of `now`; a failure is a warning (the data is written), not an exit. */
export function recalculateAfterWrite(
  store: Store,
  opts: { now: number; zone: string; warn: (line: string) => void },
): void {
  try {
    recalculateKpis(store, { now: opts.now, zone: opts.zone })
  } catch (err) {
    opts.warn(
      `warning: the KPIs were not recalculated (${err instanceof Error ? err.message : String(err)}); run \`kpi calc\``,
    )
  }
}

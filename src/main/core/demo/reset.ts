// Replacing a demo workspace: refuse when live data is present (synced or imported rows must never be
// wiped by a demo), otherwise clear every demo-made row so a new demo starts from scratch.
import type { Store } from '../db/open-database'
import { CoreError } from '../errors'
import { DEMO_SOURCE } from './people'
import { DEMO_CHANNEL_SOURCE } from './youtube'
import { writeTransaction } from '../db/write-transaction'

/** Throws a CONFLICT CoreError when the store holds data from a non-demo source. */
export function assertNoLiveData(store: Store): void {
  const live = store.sqlite
    .prepare(
      `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM service_requests WHERE source <> @demo LIMIT 1))
            + (SELECT COUNT(*) FROM (SELECT 1 FROM people WHERE source <> @demo LIMIT 1))
            + (SELECT COUNT(*) FROM (SELECT 1 FROM deployments WHERE source <> @demo LIMIT 1))
            + (SELECT COUNT(*) FROM (SELECT 1 FROM feature_usage WHERE source NOT IN (@demo, '') LIMIT 1)) AS ops,
              (SELECT COUNT(*) FROM (SELECT 1 FROM yt_channels WHERE source <> @yt LIMIT 1)) AS yt`,
    )
    .get({ demo: DEMO_SOURCE, yt: DEMO_CHANNEL_SOURCE }) as { ops: number; yt: number }
  if (live.ops > 0 || live.yt > 0) {
    const what =
      live.ops > 0 ? 'service requests synced or imported from a real source' : 'a connected YouTube channel'
    throw new CoreError(
      'CONFLICT',
      `This workspace already holds ${what}; the demo would mix with it, so it was not generated. ` +
        'Generate the demo in a separate data folder (--data-dir) instead.',
    )
  }
}

/** Deletes all demo rows (and derived KPI values) in one transaction; call after assertNoLiveData. */
export function clearDemoData(store: Store): void {
  const { sqlite } = store
  writeTransaction(sqlite, () => {
    // Children first: with foreign keys on, a parent row may only go once nothing points at it.
    sqlite
      .prepare('DELETE FROM sr_events WHERE sr_id IN (SELECT id FROM service_requests WHERE source = ?)')
      .run(DEMO_SOURCE)
    sqlite.prepare('DELETE FROM service_requests WHERE source = ?').run(DEMO_SOURCE)
    sqlite.prepare('DELETE FROM deployments WHERE source = ?').run(DEMO_SOURCE)
    sqlite.prepare('DELETE FROM people WHERE source = ?').run(DEMO_SOURCE)
    sqlite.prepare('DELETE FROM yt_channels WHERE source = ?').run(DEMO_CHANNEL_SOURCE)
    // Usage stored before it had a source ('') is the earlier demo's too: a workspace holding a real
    // source's rows never reaches this point (assertNoLiveData).
    sqlite.prepare(`DELETE FROM feature_usage WHERE source IN (?, '')`).run(DEMO_SOURCE)
    // KPI values were computed from the old rows; definitions (admin settings) stay.
    sqlite.prepare('DELETE FROM kpi_values').run()
    sqlite
      .prepare(
        `DELETE FROM tenants WHERE id NOT IN (SELECT tenant_id FROM service_requests UNION SELECT tenant_id FROM deployments
        UNION SELECT tenant_id FROM people WHERE tenant_id IS NOT NULL UNION SELECT tenant_id FROM feature_usage
        UNION SELECT tenant_id FROM tenant_source_ids)`,
      )
      .run()
    sqlite
      .prepare(
        `DELETE FROM categories WHERE id NOT IN (SELECT category_id FROM service_requests WHERE category_id IS NOT NULL
        UNION SELECT category_id FROM category_source_ids)`,
      )
      .run()
    sqlite.prepare('DELETE FROM sources WHERE kind = ?').run('demo')
  })()
}

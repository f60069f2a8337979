// The import sources a workspace holds SRs of (import:sources): each file import keeps its rows under
// `import:<name>`, and the wizard offers the names already used so the next export of the same
// system goes under the same one.
import { IMPORT_SOURCE_PREFIX } from '../../../shared/import-source-name'
import type { ImportSourceView } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'

// Every source from 'import:' up to (not including) 'import;' (':' + 1): a range on the indexes'
// leading column, so neither query reads the table.
const FROM = IMPORT_SOURCE_PREFIX
const TO = `${IMPORT_SOURCE_PREFIX.slice(0, -1)};`

/** The import sources with SRs, by name; the SR counts come from the (source, id) index. */
export function listImportSources(store: Store): ImportSourceView[] {
  const counts = store.sqlite
    .prepare(
      `SELECT source, count(*) AS n FROM service_requests
        WHERE source >= ? AND source < ? GROUP BY source ORDER BY source`,
    )
    .all(FROM, TO) as { source: string; n: number }[]
  // The sync log keeps each import run (pruned, so small): the last one that wrote under each name.
  const last = new Map(
    (
      store.sqlite
        .prepare(
          `SELECT source, max(finished_at) AS at FROM sync_log
            WHERE source >= ? AND source < ? AND status = 'ok' GROUP BY source`,
        )
        .all(FROM, TO) as { source: string; at: number | null }[]
    ).map((r) => [r.source, r.at]),
  )
  return counts.map((r) => ({
    name: r.source.slice(IMPORT_SOURCE_PREFIX.length),
    srCount: r.n,
    lastImportAt: last.get(r.source) ?? null,
  }))
}

// The import sources a workspace holds SRs of (import:sources): each file import keeps its rows under
// `import:<name>`, and the wizard offers the names already used so the next export of the same
// system goes under the same one.
import { IMPORT_SOURCE_PREFIX } from '../../../shared/import-source-name'
import type { ImportSourceView } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'
import { CoreError, reason } from '../errors'

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

/** A name as compared for look-alikes: its capitals set aside (and its Unicode form, for a name kept decomposed). */
const folded = (name: string): string => name.normalize('NFC').toLowerCase()

/**
 * Refuses a source name given for an import that differs from one the workspace holds SRs of only in
 * its capitals or Unicode form ("File" beside "file"): the same system's SRs would be kept a second
 * time under a name that looks the same, doubling every count. The name itself, when it is there, is
 * taken as it is.
 */
export function refuseLookalikeImportSource(store: Store, name: string): void {
  const known = listImportSources(store).map((s) => s.name)
  if (known.includes(name)) return
  const existing = known.find((k) => folded(k) === folded(name))
  if (existing === undefined) return
  throw new CoreError(
    'CONFLICT',
    `The source name "${name}" differs from the existing source "${existing}" only in capitals: for a file of the same system give "${existing}" as it is, for another system a clearly different name. Nothing was imported`,
    reason('import_source_lookalike', { name, existing }),
  )
}

// Resolves a cohort request the way the IPC handlers do, with the workspace zone pinned to Seoul.
import { resolveQuery, type ResolvedQuery } from '../../../src/main/core/analytics/query'
import type { BiFilter } from '../../../src/shared/ipc/contract'

/** The resolved query for `filter` (zone Asia/Seoul, Korean labels unless `lang` says otherwise). */
export function query(filter: BiFilter): ResolvedQuery {
  return resolveQuery(filter, { now: () => 0, settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }) })
}

// The BI handlers as the bench calls them: a CLI-like core context pinned to the bench's as-of.
import type { BiFilter } from '../src/shared/ipc/contract'
import { createBiHandlers, createOverviewHandler } from '../src/main/core/analytics/bi-handlers'
import { resolveQuery } from '../src/main/core/analytics/query'
import type { CoreContext } from '../src/main/core/api'
import type { Store } from '../src/main/core/db/open-database'

export const BENCH_ZONE = 'Asia/Seoul'

/** The BI and overview handlers over `store` as of `asOf`, with an empty filter and its query. */
export function benchBi(store: Store, asOf: number) {
  const ctx = {
    workspace: { dataDir: '', store, close: () => {} },
    runtime: 'cli',
    version: 'bench',
    now: () => asOf,
    settings: () => ({ timeZone: BENCH_ZONE, language: 'ko' }),
    emit: () => {},
    role: () => 'operator',
  } satisfies CoreContext
  const filter: BiFilter = {}
  return {
    h: createBiHandlers(ctx),
    cards: createOverviewHandler(ctx),
    filter,
    q: resolveQuery(filter, ctx),
  }
}

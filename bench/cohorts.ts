// Bench rows for the cohorts and the tenant benchmark (SPEC §5): the median time of each, on the
// bench workspace. `npx tsx bench/cohorts.ts --data-dir DIR [--as-of ISO]` measures an existing one.
import { resolveQuery } from '../src/main/core/analytics/query'
import { tenantBenchmark } from '../src/main/core/analytics/cohorts/benchmark'
import { featureAdoption } from '../src/main/core/analytics/cohorts/feature-adoption'
import { srResolution } from '../src/main/core/analytics/cohorts/sr-resolution'
import { tenantGrowth } from '../src/main/core/analytics/cohorts/tenant-growth'
import { userRetention } from '../src/main/core/analytics/cohorts/user-retention'
import type { Store } from '../src/main/core/db/open-database'
import { openWorkspace } from '../src/main/core/workspace'
import { median } from './median'

/** One table row per cohort: [measurement, median, note]. */
export function cohortsBench(store: Store, asOf: number, runs = 7, warmup = 2): [string, string, string][] {
  const q = resolveQuery(
    {},
    { now: () => asOf, settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }) },
  )
  const srs = store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get() as number
  const first = store.sqlite.prepare('SELECT name FROM tenants ORDER BY id LIMIT 1').pluck().get() as string
  const one = { ...q, tenants: [first] }
  const all = 'every month from the first SR to as-of'
  const cases: [string, () => unknown, string][] = [
    ['tenant-growth', () => tenantGrowth(store, q), `${all}; one index range count per tenant-month`],
    ['user-retention', () => userRetention(store, q), `${all}; reads every SR row (requester) and event`],
    ['sr-resolution', () => srResolution(store, q), `${all}; reads every resolved SR's duration`],
    ['feature-adoption', () => featureAdoption(store, q), all],
    ['benchmark', () => tenantBenchmark(store, one), 'one tenant against all, this month to as-of'],
  ]
  return cases.map(([name, fn, note]) => {
    const ms = median(fn, runs, warmup)
    return [`cohort ${name}, ${srs.toLocaleString('en-US')} SRs`, `${ms.toFixed(1)} ms`, note]
  })
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const dataDir = arg('--data-dir')
if (dataDir !== undefined && process.argv[1]?.endsWith('cohorts.ts')) {
  const ws = openWorkspace({ dataDir })
  try {
    const asOfArg = arg('--as-of')
    const asOf = asOfArg ? Date.parse(asOfArg) : Date.now()
    for (const row of cohortsBench(ws.store, asOf)) console.log(`| ${row.join(' | ')} |`)
  } finally {
    ws.close()
  }
}

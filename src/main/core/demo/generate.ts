// The demo workspace (SPEC §11 `demo`, the app's "try it" button): a realistic, deterministic
// workspace for a seed and as-of, written through the same bulk writers the syncs use.
import type { DemoResult } from '../../../shared/ipc/types'
import { DEFAULT_TIME_ZONE } from '../../../shared/domain'
import { setWatermark, setWorkspaceKind, setMeta } from '../db/meta'
import type { Store } from '../db/open-database'
import { upsertDeployments, upsertFeatureUsage } from '../db/repositories/ops-feeds'
import { touchLastActive, upsertPeople } from '../db/repositories/people'
import { upsertServiceRequests, type SrInput } from '../db/repositories/service-requests'
import { ensureCategories, ensureTenants } from '../db/repositories/tenants'
import { demoDeployments, demoFeatureUsage } from './ops-feeds'
import { DEMO_CATEGORIES, DEMO_TENANTS } from './names'
import { buildCast, castRows, DEMO_SOURCE } from './people'
import { createRng } from './prng'
import { assertNoLiveData, clearDemoData } from './reset'
import { demoServiceRequest, type SrContext } from './service-requests'
import { demoRange, hourlyBuckets, sampleInstants } from './timeline'
import { writeDemoYoutube } from './youtube'
import { rebuildRollups } from '../rollups/rollups'
import { writeTransaction } from '../db/write-transaction'

export type DemoProgress = { done: number; total: number; stage: string }

export type DemoOptions = {
  /** Number of SRs (default 30,000; at most 1,000,000). */
  srCount?: number
  seed?: number
  /** The demo's "now" (epoch ms): nothing happens after it. Default: the clock. */
  asOf?: number
  /** Calendar months covered, ending with the month of as-of (default 18). */
  months?: number
  timeZone?: string
  onProgress?: (p: DemoProgress) => void
}

const BATCH = 20_000
const DAY = 86_400_000

/** Replaces the workspace's demo data with a freshly generated one; refuses if live data exists. */
export function generateDemoWorkspace(store: Store, opts: DemoOptions = {}): DemoResult {
  const started = performance.now()
  const srCount = opts.srCount ?? 30_000
  if (!Number.isInteger(srCount) || srCount < 1 || srCount > 1_000_000) {
    throw new Error(`srCount must be an integer between 1 and 1,000,000 (got ${srCount})`)
  }
  const seed = opts.seed ?? 42
  const asOf = Math.floor(opts.asOf ?? Date.now())
  const months = opts.months ?? 18
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE
  const progress = opts.onProgress ?? (() => {})
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new Error(`months must be an integer between 1 and 120 (got ${months})`)
  }

  // One transaction around everything: a failure leaves the previous workspace untouched, readers
  // on other connections (WAL) keep seeing it until the new one is complete, and the batches below
  // become savepoints that skip a commit and checkpoint each.
  const peopleCount = writeTransaction(store.sqlite, () => {
    assertNoLiveData(store)
    progress({ done: 0, total: srCount, stage: 'clearing' })
    clearDemoData(store)
    return writeDemo(store, { srCount, seed, asOf, months, zone, progress })
  })()
  // Fresh statistics for the query planner, and fold the large WAL back into the database file.
  store.sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;')
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  progress({ done: srCount, total: srCount, stage: 'done' })

  return {
    srCount,
    tenantCount: DEMO_TENANTS.length,
    peopleCount,
    videoCount: (store.sqlite.prepare('SELECT COUNT(*) AS n FROM yt_videos').get() as { n: number }).n,
    durationMs: Math.round(performance.now() - started),
  }
}

type DemoConfig = {
  srCount: number
  seed: number
  asOf: number
  months: number
  zone: string
  progress: (p: DemoProgress) => void
}

/** Writes every demo table; returns the number of people. */
function writeDemo(store: Store, { srCount, seed, asOf, months, zone, progress }: DemoConfig): number {
  // Separate streams per stage, so changing one stage's draws leaves the others' data unchanged.
  const stream = (salt: number) => createRng((seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0)
  const range = demoRange(asOf, months, zone)
  const span = asOf - range.start
  const onboardedAt = DEMO_TENANTS.map((t) => {
    const day = range.days[Math.floor(t.onboard * (range.days.length - 1))]
    return day?.start ?? range.start
  })

  ensureTenants(
    store,
    DEMO_TENANTS.map((t, i) => ({ name: t.name, createdAt: (onboardedAt[i] ?? range.start) - 14 * DAY })),
  )
  ensureCategories(
    store,
    DEMO_CATEGORIES.map((c) => c.name),
  )
  const cast = buildCast(stream(1), range.start, asOf, onboardedAt)
  const personIds = upsertPeople(store, castRows(cast))

  // Volume per day: onboarded tenants (each ramping up over ~4 months) and slow overall growth.
  const ramp = (ti: number, at: number) => {
    const since = at - (onboardedAt[ti] ?? 0)
    return since < 0 ? 0 : Math.min(1, 0.35 + (0.65 * since) / (120 * DAY))
  }
  const dayTenantWeights = range.days.map((d) => DEMO_TENANTS.map((t, ti) => t.size * ramp(ti, d.start)))
  const growth = (at: number) => 1 + (0.3 * (at - range.start)) / Math.max(span, 1)
  const buckets = hourlyBuckets(range, (di) => {
    const day = range.days[di]
    const w = dayTenantWeights[di]
    return day && w ? w.reduce((a, b) => a + b, 0) * growth(day.start) : 0
  })
  const srRng = stream(2)
  const created = sampleInstants(buckets, srCount, srRng)

  const ctx: SrContext = {
    rng: srRng,
    cast,
    tenantNames: DEMO_TENANTS.map((t) => t.name),
    asOf,
    activity: new Map(),
  }
  for (let from = 0; from < srCount; from += BATCH) {
    const to = Math.min(srCount, from + BATCH)
    const rows: SrInput[] = []
    for (let i = from; i < to; i++) {
      const at = created.at[i] ?? asOf
      const tenant = srRng.weighted(dayTenantWeights[created.day[i] ?? 0] ?? [1])
      rows.push(demoServiceRequest(ctx, i + 1, at, tenant))
    }
    upsertServiceRequests(store, rows, { force: true })
    progress({ done: to, total: srCount, stage: 'service-requests' })
  }

  const activity = new Map<number, number>()
  for (const [key, at] of ctx.activity) {
    const id = personIds.get(key)
    if (id !== undefined) activity.set(id, at)
  }
  // Managers and the admin use the console itself, so they were active recently.
  const opsRng = stream(3)
  for (const p of cast.all) {
    const id = personIds.get(p.key)
    if (id !== undefined && (p.role === 'manager' || p.role === 'admin')) {
      activity.set(id, Math.floor((asOf - opsRng.uniform(0.5, 30) * 3_600_000) / 1000) * 1000)
    }
  }
  touchLastActive(store, activity)

  progress({ done: srCount, total: srCount, stage: 'deployments' })
  upsertDeployments(store, demoDeployments(opsRng, range, onboardedAt))
  upsertFeatureUsage(store, demoFeatureUsage(stream(4), range, onboardedAt))
  progress({ done: srCount, total: srCount, stage: 'youtube' })
  writeDemoYoutube(store, stream(5), range)

  store.sqlite
    .prepare("INSERT INTO sources (name, kind, config, created_at) VALUES (?, 'demo', ?, ?)")
    .run(DEMO_SOURCE, JSON.stringify({ seed, srCount, months, timeZone: zone }), asOf)
  setMeta(store, 'demo_seed', String(seed))
  setWorkspaceKind(store, 'demo')
  // The reset marked the BI rollups stale; rebuilding here keeps the cost in the (worker-run) generation
  // instead of the first dashboard request.
  rebuildRollups(store, zone, asOf)
  setWatermark(store, asOf)
  return cast.all.length
}

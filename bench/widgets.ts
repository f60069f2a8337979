// BI widget figures (SPEC §4): each widget's median through the real handler (filters resolved,
// rollups checked), the whole overview screen (cards + sr-trend + category-pie + funnel +
// mttr-trend), the same widgets counted from the SR rows without rollups, and the reference's
// approach (reference-widgets.ts). Called from run.ts; `npx tsx bench/widgets.ts --data-dir DIR`
// measures an existing workspace.
import type { BiFilter } from '../src/shared/ipc/contract'
import { createBiHandlers } from '../src/main/core/analytics/bi-handlers'
import { overview } from '../src/main/core/analytics/overview'
import { resolveQuery } from '../src/main/core/analytics/query'
import type { CoreContext } from '../src/main/core/api'
import type { Store } from '../src/main/core/db/open-database'
import { categoryPie } from '../src/main/core/analytics/widgets/category-pie'
import { engineerLoad } from '../src/main/core/analytics/widgets/engineer-load'
import { mttrTrend } from '../src/main/core/analytics/widgets/mttr-trend'
import { resolutionFunnel } from '../src/main/core/analytics/widgets/resolution-funnel'
import { slaHeatmap } from '../src/main/core/analytics/widgets/sla-heatmap'
import { srTrend } from '../src/main/core/analytics/widgets/sr-trend'
import { markRollupsStale, rebuildRollups } from '../src/main/core/rollups/rollups'
import { openWorkspace } from '../src/main/core/workspace'
import { referenceOverview } from './reference-overview'
import {
  referenceCategoryPie,
  referenceEngineerLoad,
  referenceFunnel,
  referenceMttrTrend,
  referenceSlaHeatmap,
  referenceSrTrend,
} from './reference-widgets'

const ZONE = 'Asia/Seoul'

/** Median milliseconds of `fn` over `runs` runs after `warmup` unmeasured ones. */
function median(fn: () => unknown, runs = 30, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}

const ms = (v: number): string => `${v.toFixed(2)} ms`

/** Rows for the measurement table. */
export function widgetBench(store: Store, asOf: number, srCount: number): [string, string, string][] {
  const ctx = {
    workspace: { dataDir: '', store, close: () => {} },
    runtime: 'cli',
    version: 'bench',
    now: () => asOf,
    settings: () => ({ timeZone: ZONE, language: 'ko' }),
    emit: () => {},
    role: () => 'operator',
  } satisfies CoreContext
  const h = createBiHandlers(ctx)
  const filter: BiFilter = {}
  const q = resolveQuery(filter, ctx)
  const rows: [string, string, string][] = []
  const size = srCount.toLocaleString('en-US')

  markRollupsStale(store)
  const rebuild = rebuildRollups(store, ZONE, asOf)
  rows.push([
    `BI rollups rebuilt from ${size} SRs (after the demo, a zone change or an untracked write)`,
    `${(rebuild.ms / 1000).toFixed(2)} s`,
    'kept current by the SR writer otherwise',
  ])

  const base = { store, zone: ZONE, tenants: null, rollups: false }
  const widgets: [string, () => unknown, () => unknown, () => unknown][] = [
    [
      'sr-trend (daily, 30 days)',
      () => h['bi:sr-trend'](filter),
      () => srTrend(base, q),
      () => referenceSrTrend(store, asOf),
    ],
    [
      'sla-heatmap (12 weeks)',
      () => h['bi:sla-heatmap'](filter),
      () => slaHeatmap(base, q),
      () => referenceSlaHeatmap(store, asOf),
    ],
    [
      'engineer-load (30 days)',
      () => h['bi:engineer-load'](filter),
      () => engineerLoad(base, q),
      () => referenceEngineerLoad(store, asOf),
    ],
    [
      'category-pie (30 days)',
      () => h['bi:category-pie'](filter),
      () => categoryPie(base, q),
      () => referenceCategoryPie(store, asOf),
    ],
    [
      'resolution-funnel (30 days)',
      () => h['bi:resolution-funnel'](filter),
      () => resolutionFunnel(base, q),
      () => referenceFunnel(store, asOf),
    ],
    [
      'mttr-trend (6 months)',
      () => h['bi:mttr-trend'](filter),
      () => mttrTrend(base, q),
      () => referenceMttrTrend(store, asOf),
    ],
  ]
  for (const [name, ours, noRollups, reference] of widgets) {
    const a = median(ours)
    const b = median(noRollups, 10, 2)
    const r = median(reference, 10, 2)
    rows.push([
      `bi ${name}, ${size} SRs, median`,
      ms(a),
      `without rollups ${ms(b)}; reference approach ${ms(r)}, ratio ${(r / a).toFixed(1)}×`,
    ])
  }
  const screen = median(() => {
    h['bi:sr-trend'](filter)
    h['bi:category-pie'](filter)
    h['bi:resolution-funnel'](filter)
    h['bi:mttr-trend'](filter)
    return overview(store, resolveQuery(filter, ctx))
  })
  const screenRef = median(
    () => {
      referenceOverview(store, asOf)
      referenceSrTrend(store, asOf)
      referenceCategoryPie(store, asOf)
      referenceFunnel(store, asOf)
      return referenceMttrTrend(store, asOf)
    },
    10,
    2,
  )
  rows.push([
    `overview screen (cards + sr-trend + category-pie + funnel + mttr-trend), ${size} SRs, median`,
    ms(screen),
    `reference approach ${ms(screenRef)}, ratio ${(screenRef / screen).toFixed(1)}×`,
  ])
  return rows
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const i = process.argv.indexOf('--data-dir')
  const dir = i >= 0 ? process.argv[i + 1] : undefined
  if (!dir) throw new Error('usage: npx tsx bench/widgets.ts --data-dir DIR [--as-of ISO]')
  const j = process.argv.indexOf('--as-of')
  const asOf = Date.parse(j >= 0 ? (process.argv[j + 1] ?? '') : '2026-03-18T06:00:00Z')
  const ws = openWorkspace({ dataDir: dir })
  const n = (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
  console.log('| measurement | result | note |\n|---|---|---|')
  for (const r of widgetBench(ws.store, asOf, n)) console.log(`| ${r.join(' | ')} |`)
  ws.close()
}

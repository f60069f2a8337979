// BI widget figures (SPEC §4): each widget's and the overview cards' median through the real
// handler (filters resolved, rollups checked), the whole overview screen (cards + sr-trend +
// category-pie + funnel + mttr-trend), the same counted from the SR rows without rollups, and the
// reference's approach (reference-widgets.ts). Called from run.ts; `npx tsx bench/widgets.ts
// --data-dir DIR [--as-of ISO]` measures an existing workspace (as-of defaults to its newest SR's
// creation, the "now" of a demo workspace).
import { overview } from '../src/main/core/analytics/overview'
import type { Store } from '../src/main/core/db/open-database'
import { categoryPie } from '../src/main/core/analytics/widgets/category-pie'
import { engineerLoad } from '../src/main/core/analytics/widgets/engineer-load'
import { mttrTrend } from '../src/main/core/analytics/widgets/mttr-trend'
import { resolutionFunnel } from '../src/main/core/analytics/widgets/resolution-funnel'
import { slaHeatmap } from '../src/main/core/analytics/widgets/sla-heatmap'
import { srTrend } from '../src/main/core/analytics/widgets/sr-trend'
import { markRollupsStale, rebuildRollups } from '../src/main/core/rollups/rollups'
import { openWorkspace } from '../src/main/core/workspace'
import { BENCH_ZONE, benchBi } from './bi-context'
import { median } from './median'
import { referenceOverview } from './reference-overview'
import {
  referenceCategoryPie,
  referenceEngineerLoad,
  referenceFunnel,
  referenceMttrTrend,
  referenceSlaHeatmap,
  referenceSrTrend,
} from './reference-widgets'

const ZONE = BENCH_ZONE

const ms = (v: number): string => `${v.toFixed(2)} ms`

/** Rows for the measurement table. */
export function widgetBench(store: Store, asOf: number, srCount: number): [string, string, string][] {
  const { h, cards, filter, q } = benchBi(store, asOf)
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
      'overview cards',
      () => cards(filter),
      () => overview(store, q, false),
      () => referenceOverview(store, asOf),
    ],
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
  for (const [name, req] of [
    [
      'SLA late list (12 weeks, most late first, page 1)',
      { widget: 'sla-heatmap', series: 'late', sort: 'over_target' },
    ],
    ['SLA late list (12 weeks, latest resolved first, page 1)', { widget: 'sla-heatmap', series: 'late' }],
    ['resolution-funnel DONE (30 days, page 1)', { widget: 'resolution-funnel', stage: 'DONE' }],
    ['resolved this month (overview card, page 1)', { widget: 'overview', series: 'done_month' }],
  ] as const) {
    let total = 0
    const t = median(
      () => {
        const r = h['bi:drill-down']({ ...filter, ...req })
        if (!(r instanceof Promise)) total = r.total
      },
      10,
      2,
    )
    rows.push([
      `bi drill-down ${name}, ${size} SRs, median`,
      ms(t),
      `${total.toLocaleString('en-US')} SRs listed`,
    ])
  }
  const screen = median(() => {
    h['bi:sr-trend'](filter)
    h['bi:category-pie'](filter)
    h['bi:resolution-funnel'](filter)
    h['bi:mttr-trend'](filter)
    return cards(filter)
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
  const ws = openWorkspace({ dataDir: dir })
  const newest = ws.store.sqlite.prepare('SELECT max(created_at) AS t FROM service_requests').get() as {
    t: number | null
  }
  const asOf = j >= 0 ? Date.parse(process.argv[j + 1] ?? '') : (newest.t ?? Date.now())
  if (Number.isNaN(asOf)) throw new Error('--as-of takes an ISO instant')
  console.log(`as-of ${new Date(asOf).toISOString()}`)
  const n = (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
  console.log('| measurement | result | note |\n|---|---|---|')
  for (const r of widgetBench(ws.store, asOf, n)) console.log(`| ${r.join(' | ')} |`)
  ws.close()
}

// KPI engine figures for `npm run bench`: the backfill of every template and the board's answer time.
// Run alone with `npx tsx bench/kpi.ts [--srs N]` (it then makes its own demo workspace).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '../src/main/core/db/open-database'
import { generateDemoWorkspace } from '../src/main/core/demo/generate'
import { kpiBoard } from '../src/main/core/kpi/board'
import { getKpi } from '../src/main/core/kpi/definitions'
import { kpiDrillDown } from '../src/main/core/kpi/drill-down'
import { recalculateKpis } from '../src/main/core/kpi/calculate'
import { applyTemplates } from '../src/main/core/kpi/service'
import { kpiTemplates } from '../src/main/core/kpi/templates'
import { openWorkspace } from '../src/main/core/workspace'
import { median } from './median'

const ZONE = 'Asia/Seoul'

/** Applies all templates (backfilling them) and times the board; returns README table rows. */
export function kpiBench(store: Store, asOf: number, srCount: number): [string, string, string][] {
  store.sqlite.prepare('DELETE FROM kpi_definitions').run()
  const names = kpiTemplates().map((t) => t.name)
  const perKpi: string[] = []
  const started = performance.now()
  // One template at a time, so the slowest one shows.
  for (const name of names) {
    const t = performance.now()
    applyTemplates(store, { template_names: [name] }, { now: asOf, zone: ZONE, changedBy: 'bench' })
    perKpi.push(`${name} ${Math.round(performance.now() - t)} ms`)
  }
  const backfill = performance.now() - started
  const periods = (store.sqlite.prepare('SELECT count(*) AS n FROM kpi_values').get() as { n: number }).n
  const t = performance.now()
  recalculateKpis(store, { now: asOf + 60_000, zone: ZONE })
  const refresh = performance.now() - t
  const board = median(() => kpiBoard(store, { asOf, zone: ZONE }))
  // The SRs behind today's backlog and this month's MTTR (first page of 100, as the KPI screen asks).
  const drills = ['SR_BACKLOG', 'MTTR'].map((name) => {
    const kpi = getKpi(store, name)
    let total = 0
    const ms = median(() => {
      total = kpiDrillDown(store, kpi, { at: asOf, asOf, zone: ZONE, limit: 100, offset: 0 }).total
    }, 10)
    return `${name} ${ms.toFixed(1)} ms (${total.toLocaleString('en-US')} SRs)`
  })
  const n = srCount.toLocaleString('en-US')
  return [
    [
      `kpi backfill, all ${names.length} templates, ${n} SRs`,
      `${(backfill / 1000).toFixed(2)} s`,
      `${periods} periods stored; ${perKpi.join(', ')}`,
    ],
    [
      `kpi recalculation (current periods only), ${n} SRs`,
      `${Math.round(refresh)} ms`,
      'after each sync and on the timer',
    ],
    [
      `kpi board (kpi:list, ${names.length} KPIs with 12-period sparklines), median`,
      `${board.toFixed(2)} ms`,
      'reads stored values only; goal ≤ 20 ms',
    ],
    [
      `kpi drill-down (the SRs behind a value, page 1), ${n} SRs, median`,
      drills.join('; '),
      'today / this month',
    ],
  ]
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const i = process.argv.indexOf('--srs')
  const srCount = Number(i >= 0 ? process.argv[i + 1] : 1_000_000)
  const asOf = Date.parse('2026-03-18T06:00:00Z')
  const dir = mkdtempSync(join(tmpdir(), 'ops-bench-kpi-'))
  const ws = openWorkspace({ dataDir: dir })
  try {
    generateDemoWorkspace(ws.store, { srCount, seed: 42, asOf })
    for (const r of kpiBench(ws.store, asOf, srCount)) console.log(`| ${r.join(' | ')} |`)
  } finally {
    ws.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

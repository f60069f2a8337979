// `npm run bench [-- --srs N]`: the figures of the README's performance table, measured on a demo
// workspace in a temp folder. Prints a markdown table; nothing here asserts a time.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { overview } from '../src/main/core/analytics/overview'
import { resolveQuery } from '../src/main/core/analytics/query'
import { generateDemoWorkspace } from '../src/main/core/demo/generate'
import { openWorkspace } from '../src/main/core/workspace'
import { cohortsBench } from './cohorts'
import { kpiBench } from './kpi'
import { referenceOverview } from './reference-overview'
import { syncBench } from './sync'
import { widgetBench } from './widgets'
import { median } from './median'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const srCount = Number(arg('--srs') ?? 1_000_000)
const AS_OF = Date.parse('2026-03-18T06:00:00Z')

const dir = mkdtempSync(join(tmpdir(), 'ops-bench-'))
const ws = openWorkspace({ dataDir: dir })
try {
  const rows: [string, string, string][] = []
  const demo = generateDemoWorkspace(ws.store, { srCount, seed: 42, asOf: AS_OF })
  rows.push([
    `demo workspace, ${srCount.toLocaleString('en-US')} SRs (with events, people, deployments, YouTube)`,
    `${(demo.durationMs / 1000).toFixed(1)} s`,
    `${Math.round(srCount / (demo.durationMs / 1000)).toLocaleString('en-US')} SRs/s`,
  ])
  const q = resolveQuery(
    {},
    { now: () => AS_OF, settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }) },
  )
  const ours = median(() => overview(ws.store, q))
  const ref = median(() => referenceOverview(ws.store, AS_OF))
  rows.push([
    `bi overview (5 cards), median`,
    `${ours.toFixed(2)} ms`,
    `reference approach (one query per card): ${ref.toFixed(2)} ms, ratio ${(ref / ours).toFixed(1)}×`,
  ])
  rows.push(...widgetBench(ws.store, AS_OF, srCount))
  rows.push(...kpiBench(ws.store, AS_OF, srCount))
  rows.push(...cohortsBench(ws.store, AS_OF))
  rows.push(...(await syncBench()))
  console.log(`\nnode ${process.version}, ${srCount.toLocaleString('en-US')} SRs\n`)
  console.log('| measurement | result | note |\n|---|---|---|')
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
} finally {
  ws.close()
  rmSync(dir, { recursive: true, force: true })
}

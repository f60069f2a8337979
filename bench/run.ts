// `npm run bench [-- --srs N]`: the figures of the README's performance table, measured on a demo
// workspace in a temp folder. Prints a markdown table; nothing here asserts a time.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDemoWorkspace } from '../src/main/core/demo/generate'
import { openWorkspace } from '../src/main/core/workspace'
import { cohortsBench } from './cohorts'
import { indexTradeoffBench } from './index-tradeoff'
import { kpiBench } from './kpi'
import { syncBench } from './sync'
import { widgetBench } from './widgets'

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
  // The overview cards are measured through their handler (rollups) in widgetBench.
  rows.push(...widgetBench(ws.store, AS_OF, srCount))
  rows.push(...kpiBench(ws.store, AS_OF, srCount))
  rows.push(...cohortsBench(ws.store, AS_OF))
  rows.push(...(await syncBench()))
  // Last: it drops the bench workspace's secondary indexes.
  rows.push(...indexTradeoffBench(ws.store, AS_OF))
  console.log(`\nnode ${process.version}, ${srCount.toLocaleString('en-US')} SRs\n`)
  console.log('| measurement | result | note |\n|---|---|---|')
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
} finally {
  ws.close()
  rmSync(dir, { recursive: true, force: true })
}

// The built worker bundles the app starts (out/main/{demo,jobs,sync,import}-worker.js, from `npm run build`)
// in a plain Node worker thread, as Electron's main process starts them: each must resolve its own
// imports from the bundle and node_modules, open the workspace with the shipped migrations and do its
// job. The other worker tests run the TypeScript sources through tsx; only this one runs the bundles.
import { expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { threadId } from 'node:worker_threads'
import { applyTemplates } from '../../src/main/core/kpi/service'
import { kpiTemplates } from '../../src/main/core/kpi/templates'
import { addSource } from '../../src/main/core/sources/registry'
import { readCaCertificates } from '../../src/main/core/sources/trust'
import { runDemoInWorker } from '../../src/main/core/workers/run-demo-in-worker'
import { runImportInWorker } from '../../src/main/core/workers/run-import-in-worker'
import { runJobInWorker } from '../../src/main/core/workers/run-jobs-in-worker'
import { runSyncInWorker } from '../../src/main/core/workers/run-sync-in-worker'
import { openWorkspace } from '../../src/main/core/workspace'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { internalCaPem, internalServerTls } from '../helpers/tls-fixtures'

const bundle = (name: string) => resolve('out/main', `${name}-worker.js`)
// What src/main/index.ts passes: the migrations shipped in resources/ (no Electron-ABI binding here).
const migrationsFolder = resolve('resources/migrations')
const ZONE = 'Asia/Seoul'
const AS_OF = Date.parse('2026-03-18T15:00:00+09:00')

let dataDir: string
test.beforeEach(() => {
  test.skip(!existsSync(bundle('sync')), 'out/main is missing: run `npm run build` first')
  dataDir = mkdtempSync(join(tmpdir(), 'ops-bundles-'))
})
// A run without the bundles skips in beforeEach, before dataDir is made.
test.afterEach(() => dataDir && rmSync(dataDir, { recursive: true, force: true }))

const count = (sql: string): number => {
  const ws = openWorkspace({ dataDir, migrationsFolder })
  try {
    return (ws.store.sqlite.prepare(sql).get() as { n: number }).n
  } finally {
    ws.close()
  }
}

test('the demo and jobs bundles fill a workspace, re-judge it and calculate every KPI', async () => {
  const progress: number[] = []
  const demo = await runDemoInWorker(
    bundle('demo'),
    {
      workspace: { dataDir, migrationsFolder },
      options: { srCount: 2000, seed: 5, asOf: AS_OF, timeZone: ZONE },
    },
    (p) => progress.push(p.done),
  )
  expect(demo.srCount).toBe(2000)
  expect(progress.length).toBeGreaterThan(0)
  expect(count('SELECT count(*) AS n FROM service_requests')).toBe(2000)

  const ws = openWorkspace({ dataDir, migrationsFolder })
  try {
    applyTemplates(
      ws.store,
      { template_names: kpiTemplates('ko').map((t) => t.name) },
      { now: AS_OF, zone: ZONE, changedBy: 'admin', calculate: false },
    )
    ws.store.sqlite.exec('UPDATE service_requests SET mttr_ms = NULL, sla_target_ms = NULL, sla_met = NULL')
  } finally {
    ws.close()
  }
  const rejudged = await runJobInWorker(
    bundle('jobs'),
    { workspace: { dataDir, migrationsFolder }, job: { kind: 'rejudge' } },
    () => {},
  )
  expect(rejudged).toMatchObject({ kind: 'rejudge', judged: 2000, skipped: false })
  expect(rejudged.thread).not.toBe(threadId)
  expect(count('SELECT count(*) AS n FROM service_requests WHERE sla_target_ms IS NULL')).toBe(0)

  const calc = await runJobInWorker(
    bundle('jobs'),
    { workspace: { dataDir, migrationsFolder }, job: { kind: 'kpi-calc', now: AS_OF, zone: ZONE } },
    () => {},
  )
  expect(calc.kind).toBe('kpi-calc')
  expect(calc.kind === 'kpi-calc' ? calc.outcomes.length : 0).toBe(kpiTemplates('ko').length)
  expect(count('SELECT count(*) AS n FROM kpi_values WHERE value IS NOT NULL')).toBeGreaterThan(9)
})

/**
 * Adds an ITSM source with `config` for `sim`, runs the built sync bundle on it in a worker thread
 * and answers the outcome and the entities it reported progress for.
 */
async function syncThroughBundle(sim: ItsmSimulator, name: string, config: Record<string, unknown>) {
  const ws = openWorkspace({ dataDir, migrationsFolder })
  const record = addSource(ws.store, { name, kind: 'itsm', config: { url: sim.url, ...config } }, Date.now())
  ws.close()
  const entities = new Set<string>()
  const outcome = await runSyncInWorker(
    bundle('sync'),
    {
      workspace: { dataDir, migrationsFolder },
      record,
      secrets: { token: sim.token, password: null, proxyPassword: null },
      full: false,
      pageSize: 100,
    },
    { onProgress: (p) => entities.add(p.entity) },
  )
  return { outcome, entities }
}

test('the sync bundle pulls every SR from the ITSM simulator on its own connection', async () => {
  const sim = await startItsmSimulator({ seed: 3, srCount: 700, token: 'bundle-token-1f2e3d4c5b6a' })
  try {
    const { outcome, entities } = await syncThroughBundle(sim, 'sim', {})
    expect(outcome).toMatchObject({ source: 'itsm:sim', status: 'ok', error: null })
    expect(entities.has('srs')).toBe(true)
    expect(count("SELECT count(*) AS n FROM service_requests WHERE source = 'itsm:sim'")).toBe(700)
  } finally {
    await sim.close()
  }
})

test("the sync bundle reaches an HTTPS server an internal CA issued for through the connection's own CA", async () => {
  const sim = await startItsmSimulator({
    seed: 4,
    srCount: 150,
    token: 'bundle-token-ca-7a6b5c4d3e2f',
    tls: internalServerTls(),
  })
  try {
    const ca = readCaCertificates(internalCaPem(), Date.now()).pem
    // The bundle loads undici on first use of such a source (a dynamic import in the built chunk).
    const { outcome } = await syncThroughBundle(sim, 'internal', { ca })
    expect(outcome).toMatchObject({ source: 'itsm:internal', status: 'ok', error: null })
    expect(count("SELECT count(*) AS n FROM service_requests WHERE source = 'itsm:internal'")).toBe(150)
  } finally {
    await sim.close()
  }
})

test('the import bundle checks a CP949 CSV and imports it on its own connection', async () => {
  // The import writes into an existing workspace, as the app's is.
  openWorkspace({ dataDir, migrationsFolder }).close()
  const file = { path: resolve('test/fixtures/import/excel-cp949.csv'), fileName: 'excel-cp949.csv' }
  const phases = new Set<string>()
  const data = (job: Parameters<typeof runImportInWorker>[1]['job']) => ({
    workspace: { dataDir, migrationsFolder },
    job,
  })
  const checked = await runImportInWorker(
    bundle('import'),
    data({ op: 'preview', file, mapping: undefined, timeZone: ZONE }),
    (p) => phases.add(p.phase),
  ).result
  expect(checked.thread).not.toBe(threadId)
  const rows = checked.op === 'preview' ? (checked.view.check?.rowCount ?? 0) : 0
  expect(checked.op === 'preview' && checked.view.encoding.toLowerCase()).toContain('cp949')
  expect(rows).toBeGreaterThan(0)
  const imported = await runImportInWorker(
    bundle('import'),
    data({ op: 'run', file, mapping: undefined, timeZone: ZONE, allowErrors: false, clockOffsetMs: 0 }),
    (p) => phases.add(p.phase),
  ).result
  expect(imported.op === 'run' && imported.view).toMatchObject({ status: 'imported', written: rows })
  expect([...phases].sort()).toEqual(['reading', 'writing'])
  expect(count("SELECT count(*) AS n FROM service_requests WHERE source = 'import:file'")).toBe(rows)
})

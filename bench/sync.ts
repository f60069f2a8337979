// Sync figures: raw SR upsert throughput, and a 200,000-SR incremental sync from the loopback ITSM
// simulator through the real connector and engine into a fresh workspace.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { upsertServiceRequests, type SrInput } from '../src/main/core/db/repositories/service-requests'
import { defaultHttpDeps } from '../src/main/core/sources/http'
import { createItsmConnector } from '../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../src/main/core/sync/engine'
import { openWorkspace } from '../src/main/core/workspace'
import { startItsmSimulator } from '../src/main/simulators/itsm/server'

const N = 200_000
const T0 = Date.parse('2025-01-01T00:00:00Z')

function withWorkspace<T>(fn: (ws: ReturnType<typeof openWorkspace>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-bench-sync-'))
  const ws = openWorkspace({ dataDir: dir })
  return fn(ws).finally(() => {
    ws.close()
    rmSync(dir, { recursive: true, force: true })
  })
}

/** Rows for the measurement table. */
export async function syncBench(): Promise<[string, string, string][]> {
  const out: [string, string, string][] = []
  await withWorkspace(async (ws) => {
    // A re-sync: every SR again with a later updated_at; a tenth (the open ones) now resolved.
    const rows = (resync: boolean): SrInput[] =>
      Array.from({ length: N }, (_, i) => {
        const open = !resync && i % 10 === 0
        return {
          source: 'bench',
          sourceId: `SR-${i}`,
          tenant: `기관 ${i % 8}`,
          title: `요청 ${i}`,
          category: `분류 ${i % 12}`,
          priority: 'P3',
          status: open ? 'OPEN' : 'DONE',
          assignee: `엔지니어 ${i % 20}`,
          createdAt: T0 + i * 60_000,
          resolvedAt: open ? null : T0 + i * 60_000 + 3_600_000,
          updatedAt: T0 + i * 60_000 + 3_600_000 + (resync ? 60_000 : 0),
        }
      })
    for (const [what, input] of [
      ['new rows', rows(false)],
      ['updates of stored rows (a tenth change status)', rows(true)],
    ] as const) {
      const cpu = process.cpuUsage()
      const t = performance.now()
      upsertServiceRequests(ws.store, input)
      const s = (performance.now() - t) / 1000
      const used = process.cpuUsage(cpu)
      const cpuS = (used.user + used.system) / 1e6
      out.push([
        `SR upsert, ${N.toLocaleString('en-US')} ${what}, one transaction`,
        `${s.toFixed(2)} s`,
        `${Math.round(N / s).toLocaleString('en-US')} SRs/s (CPU ${cpuS.toFixed(2)} s: ${Math.round(N / cpuS).toLocaleString('en-US')}/s; goal ≥ 200,000/s)`,
      ])
    }
  })
  const sim = await startItsmSimulator({ srCount: N, events: false })
  try {
    await withWorkspace(async (ws) => {
      const connector = createItsmConnector(
        { name: 'bench', url: sim.url, token: sim.token },
        defaultHttpDeps(),
      )
      const outcome = await syncSource(ws.store, connector, {
        entities: ['tenants', 'categories', 'people', 'srs'],
      })
      const s = (outcome.finishedAt - outcome.startedAt) / 1000
      out.push([
        `sync from the ITSM REST simulator (loopback), ${N.toLocaleString('en-US')} SRs`,
        `${s.toFixed(1)} s`,
        `${outcome.status}, ${outcome.rows.toLocaleString('en-US')} rows in ${outcome.pages} pages (goal < 10 s)`,
      ])
    })
  } finally {
    await sim.close()
  }
  return out
}

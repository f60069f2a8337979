// The app generates the demo in a worker thread; here the worker runs its TypeScript source via tsx.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { upsertServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { CoreError } from '../../../src/main/core/errors'
import { runDemoInWorker } from '../../../src/main/core/workers/run-demo-in-worker'
import type { DemoProgress } from '../../../src/main/core/demo/generate'
import type { DemoWorkerData } from '../../../src/main/core/workers/demo-worker-protocol'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

// A JavaScript bootstrap registers tsx inside the worker, then imports the TypeScript entry.
const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/demo-worker.ts', import.meta.url).href
const run = (data: DemoWorkerData, onProgress: (p: DemoProgress) => void) =>
  runDemoInWorker(bootstrap, { ...data, tsEntry } as DemoWorkerData, onProgress)
const AS_OF = Date.parse('2026-03-18T06:00:00Z')

describe('demo generation in a worker thread', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  it('writes the workspace on its own connection and streams progress', async () => {
    const progress: DemoProgress[] = []
    const result = await run(
      { workspace: { dataDir: ws.dataDir }, options: { srCount: 2_000, seed: 3, asOf: AS_OF } },
      (p) => progress.push(p),
    )
    expect(result.srCount).toBe(2_000)
    // The main process's own connection sees the committed rows.
    const n = ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }
    expect(n.n).toBe(2_000)
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total)
  })

  it('brings the refusal to overwrite live data back as a CONFLICT, losing nothing', async () => {
    upsertServiceRequests(ws.store, [
      {
        source: 'itsm:prod',
        sourceId: 'SR-1',
        tenant: '행정안전부',
        title: 'live',
        priority: 'P2',
        status: 'OPEN',
        createdAt: AS_OF - 1000,
        updatedAt: AS_OF - 1000,
      },
    ])
    const failure = run(
      { workspace: { dataDir: ws.dataDir }, options: { srCount: 500, asOf: AS_OF } },
      () => {},
    )
    await expect(failure).rejects.toBeInstanceOf(CoreError)
    await expect(failure).rejects.toMatchObject({ code: 'CONFLICT' })
    const rows = ws.store.sqlite.prepare('SELECT source, title FROM service_requests').all()
    expect(rows).toEqual([{ source: 'itsm:prod', title: 'live' }])
  })
})

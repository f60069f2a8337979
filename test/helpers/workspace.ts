// Test helpers: a fresh workspace in its own temp folder, and SR rows written through the real writer.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspace, type Workspace } from '../../src/main/core/workspace'
import { upsertServiceRequests, type SrInput } from '../../src/main/core/db/repositories/service-requests'

export type TempWorkspace = Workspace & { dispose(): void }

/** Opens a migrated workspace in a new temp folder; dispose() closes and deletes it. */
export function tempWorkspace(prefix = 'ops-test-'): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const ws = openWorkspace({ dataDir: dir })
  return {
    ...ws,
    dispose: () => {
      ws.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let counter = 0
/** Writes SRs given with ISO instants; unspecified fields get neutral values. */
export function addSrs(
  ws: Workspace,
  rows: (Partial<Omit<SrInput, 'createdAt' | 'resolvedAt' | 'closedAt' | 'updatedAt'>> & {
    tenant: string
    status: SrInput['status']
    created: string
    resolved?: string | null
    closed?: string | null
    updated?: string
  })[],
): void {
  upsertServiceRequests(
    ws.store,
    rows.map(({ created, resolved, closed, updated, ...r }) => {
      counter += 1
      const createdAt = Date.parse(created)
      const resolvedAt = resolved ? Date.parse(resolved) : null
      const closedAt = closed ? Date.parse(closed) : null
      return {
        source: 'test',
        sourceId: `SR-${counter}`,
        title: `SR ${counter}`,
        priority: 'P3',
        ...r,
        createdAt,
        resolvedAt,
        closedAt,
        updatedAt: updated ? Date.parse(updated) : Math.max(createdAt, resolvedAt ?? 0, closedAt ?? 0),
      } satisfies SrInput
    }),
  )
}

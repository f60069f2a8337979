// Work that must follow every sync or import that wrote data, such as the KPI engine's
// recalculation (SPEC §6: "it runs after every sync"). Areas register a hook at wiring time
// (src/main/index.ts, the harness) instead of sync importing them, which keeps sync free of cycles.
import type { SyncRunResult } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'

export type AfterSyncInfo = {
  store: Store
  /** The finished run, or null after a file import. */
  result: SyncRunResult | null
  reason: 'sync' | 'import'
  /** The clock of the run's end (epoch ms). */
  at: number
}
export type AfterSyncHook = (info: AfterSyncInfo) => void | Promise<void>

const hooks = new Set<AfterSyncHook>()

/** Adds a hook run after each sync or import that wrote data; returns its removal. */
export function registerAfterSyncHook(hook: AfterSyncHook): () => void {
  hooks.add(hook)
  return () => {
    hooks.delete(hook)
  }
}

/** Runs every hook in registration order; a failing hook is reported and never stops the others. */
export async function runAfterSyncHooks(
  info: AfterSyncInfo,
  onError: (err: unknown) => void = () => {},
): Promise<void> {
  for (const hook of [...hooks]) {
    try {
      await hook(info)
    } catch (err) {
      onError(err)
    }
  }
}

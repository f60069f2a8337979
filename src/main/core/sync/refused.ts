// A run that skipped the collections the account may not read (403 on people, deployments, …) and
// synced the rest: how its outcome says so, in English and as a reason. The engine words its outcome
// with it, and the Sync screen a CLI run's from its log entries.
import type { SyncErrorReason } from '../../../shared/ipc/sync-error-reasons'
import { syncReason } from '../sources/http'

/** The failure of a run whose `refused` collections (entity keys, in the run's order) answered 403. */
export function refusedFailure(
  refused: readonly string[],
  kind: string,
  name: string,
): { message: string; reason: SyncErrorReason } {
  const one = refused.length === 1
  return {
    message:
      `The account may not read ${refused.join(', ')} (403): ${one ? 'it was' : 'they were'} skipped in ` +
      `this sync, the other data was synced, and the next sync asks for ${one ? 'it' : 'them'} again ` +
      `(${kind} source "${name}")`,
    reason: syncReason('collections_refused', { entities: refused.join(','), source: name, kind }),
  }
}

/** What a run that failed later adds about the collections it skipped before. */
export function refusedNote(refused: readonly string[]): string {
  const one = refused.length === 1
  return `before that, ${refused.join(', ')} ${one ? 'was' : 'were'} skipped: the account may not read ${one ? 'it' : 'them'} (403)`
}

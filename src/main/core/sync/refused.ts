// A run that skipped the collections the account may not read (403 on people, deployments, …) and
// synced the rest: how its outcome says so, in English and as a reason. The engine words its outcome
// with it, and the Sync screen a CLI run's from its log entries.
import type { SyncErrorReason, SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import { connectionNameEn, SYNC_ENTITY_NAMES_EN } from '../../../shared/labels'
import { syncReason } from '../sources/http'

/** Collections (entity keys) as the English Sync screen names them: "people, feature usage". */
function named(refused: readonly string[]): string {
  return refused.map((e) => SYNC_ENTITY_NAMES_EN[e] ?? e).join(', ')
}

/** The failure of a run whose `refused` collections (entity keys, in the run's order) answered 403. */
export function refusedFailure(
  refused: readonly string[],
  kind: string,
  name: string,
): { message: string; reason: SyncErrorReason } {
  const one = refused.length === 1
  return {
    message:
      `The account may not read ${named(refused)} (403): ${one ? 'it was' : 'they were'} skipped in ` +
      `this sync, the other data was synced, and the next sync asks for ${one ? 'it' : 'them'} again ` +
      `(${connectionNameEn(kind, name)})`,
    reason: syncReason('collections_refused', { entities: refused.join(','), source: name, kind }),
  }
}

/** What a run that failed later adds about the collections it skipped before. */
export function refusedNote(refused: readonly string[]): string {
  const one = refused.length === 1
  return `before that, ${named(refused)} ${one ? 'was' : 'were'} skipped: the account may not read ${one ? 'it' : 'them'} (403)`
}

/**
 * The reason of a run that failed later, carrying the collections it skipped before (`refused`:
 * entity keys separated by commas) for the app to add the same note in its language.
 */
export function withRefused(
  reason: SyncFailureReason | null,
  refused: readonly string[],
): SyncFailureReason | null {
  if (!reason || refused.length === 0) return reason
  return { ...reason, params: { ...reason.params, refused: refused.join(',') } } as SyncFailureReason
}

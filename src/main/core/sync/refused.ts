// A run that skipped the collections the account may not read (403 on people, deployments, …) and
// synced the rest: how its outcome says so, in English and as a reason. The engine words its outcome
// with it, and the Sync screen a CLI run's from its log entries.
import type { SyncErrorReason, SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import { connectionNameEn, SYNC_ENTITY_NAMES_EN } from '../../../shared/labels'
import { syncReason } from '../sources/http'
import { skipInOrder } from '../../../shared/itsm-skip'

/** Collections (entity keys) as the English Sync screen names them: "people, feature usage". */
function named(refused: readonly string[]): string {
  return refused.map((e) => SYNC_ENTITY_NAMES_EN[e] ?? e).join(', ')
}

/**
 * The failure of a run whose `refused` collections (entity keys, in the run's order) answered 403.
 * An ITSM REST connection can be set not to read them (`skipped`: those it skips already): the
 * message says how, with the `--skip` list that keeps those and adds the refused ones, and the reason
 * carries that list (`skip`) for the app to say the same.
 */
export function refusedFailure(
  refused: readonly string[],
  kind: string,
  name: string,
  skipped: readonly string[] = [],
): { message: string; reason: SyncErrorReason } {
  const one = refused.length === 1
  const skip = kind === 'itsm' ? skipInOrder([...skipped, ...refused]).join(',') : undefined
  return {
    message:
      `The account may not read ${named(refused)} (403): ${one ? 'it was' : 'they were'} skipped in ` +
      `this sync, the other data was synced, and the next sync asks for ${one ? 'it' : 'them'} again ` +
      `(${connectionNameEn(kind, name)})` +
      (skip
        ? `. If the account is not meant to read ${one ? 'it' : 'them'}, turn ${one ? 'it' : 'them'} off ` +
          `in the connection's settings (Settings → Connections, or \`source update ${name} --skip ${skip}\`): ` +
          `the syncs then succeed without ${one ? 'it' : 'them'}`
        : ''),
    reason: syncReason('collections_refused', { entities: refused.join(','), source: name, kind, skip }),
  }
}

/** What a run that failed later adds about the collections it skipped before. */
export function refusedNote(refused: readonly string[]): string {
  const one = refused.length === 1
  return `before that, this sync skipped ${named(refused)}, ${one ? 'a collection' : 'collections'} the account may not read (403)`
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

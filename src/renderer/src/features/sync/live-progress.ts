import type { SyncProgressEvent, SyncStatusView } from '../../../../shared/ipc/types-sync'

/** What moves the Sync screen's progress bar: the pushed sync events. */
export type SyncPush =
  | { event: 'sync:state'; payload: SyncStatusView }
  | { event: 'sync:progress'; payload: SyncProgressEvent }
  | { event: 'sync:finished' }

/**
 * The progress to show after a pushed event (each event says it whole; none depends on the previous
 * one). The state is pushed as each source starts, carrying that source's empty progress: it
 * replaces the previous source's last progress event, which would otherwise stay on the bar (its
 * figures under the new source's turn) until the new source's first page.
 */
export function progressAfter(push: SyncPush): SyncProgressEvent | null {
  switch (push.event) {
    case 'sync:state':
      return push.payload.state === 'running' ? push.payload.progress : null
    case 'sync:progress':
      return push.payload
    case 'sync:finished':
      return null
  }
}

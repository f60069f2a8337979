// Core handlers for sources, sync and file import (SPEC §10): each one a few lines over the module that does the work.
import type { syncChannels } from '../../../shared/ipc/channels/sync'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createSyncHandlers(_ctx: CoreContext): HandlersFor<typeof syncChannels> {
  return {}
}

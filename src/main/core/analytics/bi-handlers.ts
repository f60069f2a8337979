// Core handlers for BI widgets and drill-down (SPEC §4): each one a few lines over the module that does the work.
import type { biChannels } from '../../../shared/ipc/channels/bi'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createBiHandlers(_ctx: CoreContext): HandlersFor<typeof biChannels> {
  return {}
}

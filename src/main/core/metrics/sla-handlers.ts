// Core handlers for SLA policy and calendars (SPEC §3): each one a few lines over the module that does the work.
import type { slaChannels } from '../../../shared/ipc/channels/sla'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createSlaHandlers(_ctx: CoreContext): HandlersFor<typeof slaChannels> {
  return {}
}

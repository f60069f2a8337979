// Core handlers for the admin role (SPEC §9): each one a few lines over the module that does the work.
import type { authChannels } from '../../../shared/ipc/channels/auth'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createAuthHandlers(_ctx: CoreContext): HandlersFor<typeof authChannels> {
  return {}
}

// Core handlers for cohorts and the tenant benchmark (SPEC §5): each one a few lines over the module that does the work.
import type { cohortsChannels } from '../../../shared/ipc/channels/cohorts'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createCohortHandlers(_ctx: CoreContext): HandlersFor<typeof cohortsChannels> {
  return {}
}

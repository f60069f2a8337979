// Core handlers for the KPI engine (SPEC §6): each one a few lines over the module that does the work.
import type { kpiChannels } from '../../../shared/ipc/channels/kpi'
import type { CoreContext, HandlersFor } from '../api'

/** The handler table for this area's core channels. */
export function createKpiHandlers(_ctx: CoreContext): HandlersFor<typeof kpiChannels> {
  return {}
}
